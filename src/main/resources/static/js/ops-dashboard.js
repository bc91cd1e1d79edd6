/*
 * The ops dashboard's charts: fetches the per-minute series (GET <data-series-url>?window=hour|day,
 * the same document as /api/admin/dashboard/series/) and draws them with uPlot, flag changes as
 * dashed markers. Loaded as a file (no inline script): works under a self-only CSP.
 */
(function () {
  'use strict';

  var root = document.getElementById('charts');
  if (!root || typeof uPlot === 'undefined') {
    return;
  }
  var COLORS = { backlog: '#3451b2', completed: '#067647', failed: '#b42318', p50: '#3451b2', p99: '#b54708', marker: '#7a5af8' };
  var REFRESH_MS = { hour: 30000, day: 120000 };
  var charts = {};
  var markers = [];
  var current = 'hour';
  var timer = null;

  var specs = {
    'chart-backlog': function (doc) {
      return { data: [doc.t, doc.backlog], series: [{ label: 'Backlog', stroke: COLORS.backlog, fill: 'rgba(52,81,178,.12)', width: 2 }] };
    },
    'chart-throughput': function (doc) {
      return { data: [doc.t, doc.completed, doc.failed], series: [
        { label: 'Completed', stroke: COLORS.completed, width: 2 },
        { label: 'Failed', stroke: COLORS.failed, width: 2 }] };
    },
    'chart-lag': function (doc) {
      // Minutes without completions have no lag (null): show each minute's point, join across gaps.
      return { data: [doc.t, doc.lag_p50_ms, doc.lag_p99_ms], format: duration, series: [
        { label: 'p50', stroke: COLORS.p50, width: 2, spanGaps: true, points: { show: true, size: 5 }, value: formatValue },
        { label: 'p99', stroke: COLORS.p99, width: 2, spanGaps: true, points: { show: true, size: 5 }, value: formatValue }] };
    }
  };

  /** Milliseconds as an operator reads them: 250 ms, 3.4 s, 62 min. */
  function duration(ms) {
    if (ms == null) {
      return '--';
    }
    if (ms < 1000) {
      return Math.round(ms) + ' ms';
    }
    if (ms < 120000) {
      return (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
    }
    if (ms < 7200000) {
      return Math.round(ms / 60000) + ' min';
    }
    return (ms / 3600000).toFixed(1) + ' h';
  }

  function formatValue(u, value) {
    return duration(value);
  }

  function markerPlugin() {
    return { hooks: { draw: [function (u) {
      var ctx = u.ctx;
      var top = u.bbox.top;
      var bottom = u.bbox.top + u.bbox.height;
      ctx.save();
      ctx.strokeStyle = COLORS.marker;
      ctx.lineWidth = Math.max(1, uPlot.pxRatio);
      ctx.setLineDash([4 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
      markers.forEach(function (marker) {
        var x = Math.round(u.valToPos(marker.t, 'x', true));
        if (x >= u.bbox.left && x <= u.bbox.left + u.bbox.width) {
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.stroke();
        }
      });
      ctx.restore();
    }] } };
  }

  function widthOf(figure) {
    return Math.max(200, figure.querySelector('.plot').clientWidth);
  }

  function sum(values) {
    return values.reduce(function (total, value) { return total + (value || 0); }, 0);
  }

  function draw(id, doc) {
    var figure = document.getElementById(id);
    var spec = specs[id](doc);
    if (charts[id]) {
      charts[id].destroy();
    }
    var options = {
      width: widthOf(figure),
      height: 200,
      series: [{}].concat(spec.series),
      scales: { x: { time: true } },
      axes: [{ space: 90 }, spec.format
        ? { size: 64, values: function (u, values) { return values.map(spec.format); } }
        : { size: 48 }],
      legend: { show: true, live: true },
      plugins: [markerPlugin()]
    };
    charts[id] = new uPlot(options, spec.data, figure.querySelector('.plot'));
    var totals = {};
    spec.series.forEach(function (series, index) {
      totals[series.label] = sum(spec.data[index + 1]);
    });
    figure.dataset.points = String(doc.t.length);
    figure.dataset.totals = JSON.stringify(totals);
  }

  function describe(marker) {
    var at = new Date(marker.t * 1000);
    var time = at.toLocaleString([], { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    return time + ' ' + marker.name + ' ' + (marker.old_value || 'default') + ' \u2192 ' + marker.new_value
      + ' (' + marker.source + ' by ' + marker.changed_by + ')';
  }

  function render(doc) {
    markers = doc.flag_changes;
    Object.keys(specs).forEach(function (id) { draw(id, doc); });
    var list = document.getElementById('flag-markers');
    list.replaceChildren.apply(list, markers.map(function (marker) {
      var item = document.createElement('li');
      item.textContent = describe(marker);
      return item;
    }));
    root.dataset.window = doc.window;
    root.dataset.rendered = 'true';
  }

  function load(window) {
    current = window;
    root.querySelectorAll('[data-window]').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.window === window));
    });
    fetch(root.dataset.seriesUrl + '?window=' + encodeURIComponent(window), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    }).then(function (doc) {
      if (doc.window === current) {
        render(doc);
      }
    }).catch(function (error) {
      root.dataset.error = String(error);
    });
    clearTimeout(timer);
    timer = setTimeout(function () { load(current); }, REFRESH_MS[window]);
  }

  root.querySelectorAll('[data-window]').forEach(function (button) {
    button.addEventListener('click', function () { load(button.dataset.window); });
  });

  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(function () {
      Object.keys(charts).forEach(function (id) {
        var figure = document.getElementById(id);
        charts[id].setSize({ width: widthOf(figure), height: 200 });
      });
    }).observe(root);
  }

  load(current);
}());
