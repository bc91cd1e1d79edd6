# Sourced by bench/dualwrite.sh and bench/drain-statements.sh from the repository's root: the
# service they start (SERVE_PID) and the drain backlogs they write (with their psql_, psql on the
# benchmark database).
#
# stop_service: stops the service started last, if any, and waits for it.
SERVE_PID=""
stop_service() {
  [[ -n "$SERVE_PID" ]] || return 0
  kill -TERM "$SERVE_PID" 2> /dev/null || true
  wait "$SERVE_PID" 2> /dev/null || true
  SERVE_PID=""
}
#
# new_users COUNT: accounts with the profile rows Django would make, written by the service's own
# profile writer (seed_scale with no teams); prints the username prefix of the run.
new_users() {
  local run
  run="$(./deltacrown seed_scale --teams 0 --users "$1" | sed -n 's/^seed_scale: run \([0-9a-z]*\) done.*/\1/p')"
  echo "seed_${run}_"
}
# backlog_teams PREFIX COUNT: COUNT new accounts, each owning a vNext team "<PREFIX> Team <id>" with
# its OWNER membership, then VACUUM (ANALYZE): vacuumed, not only analysed, or autovacuum would clean
# up after these inserts (and the accounts seed_scale wrote) during the drain, on the same cores.
backlog_teams() {
  local users
  users="$(new_users "$2")"
  psql_ -c "
    INSERT INTO organizations_team (name, slug, owner_id, game_id, region, status, description, preferred_server,
        emergency_contact_discord, emergency_contact_phone, is_temporary, created_at, updated_at)
    SELECT '$1 Team ' || u.id, lower('$1') || '-team-' || u.id, u.id, 1, 'NA', 'ACTIVE', '', '', '', '', false, now(), now()
      FROM accounts_user u WHERE starts_with(u.username, '$users');
    INSERT INTO organizations_membership (team_id, user_id, status, role, player_role, is_tournament_captain,
                                          joined_at, left_reason)
    SELECT t.id, t.owner_id, 'ACTIVE', 'OWNER', '', false, now(), '' FROM organizations_team t WHERE t.name LIKE '$1 Team %';"
  psql_ -c "VACUUM (ANALYZE)"
}
# backlog_outbox PREFIX: the sync_team_created outbox rows of those teams, in one transaction.
backlog_outbox() {
  psql_ -c "
    INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, actor_user_id)
    SELECT 'sync_team_created', t.id, t.owner_id FROM organizations_team t WHERE t.name LIKE '$1 Team %' ORDER BY t.id"
}
