package gg.deltacrown.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every SQL statement the service runs, with the thread that ran it (datasource-proxy
 * around the pool), so a test can say what a request transaction did and did not touch.
 */
@TestConfiguration
public class StatementCapture {

    public record Executed(String thread, String sql) {}

    private final List<Executed> executed = new CopyOnWriteArrayList<>();

    public List<Executed> onThread(String thread) {
        return executed.stream().filter(e -> e.thread().equals(thread)).toList();
    }

    public List<Executed> onThreadsStartingWith(String prefix) {
        return executed.stream().filter(e -> e.thread().startsWith(prefix)).toList();
    }

    public void clear() {
        executed.clear();
    }

    @Bean
    static BeanPostProcessor statementCapturingDataSource(ObjectProvider<StatementCapture> capture) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource
                        && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
                    return ProxyDataSourceBuilder.create(dataSource)
                            .name("captured")
                            .listener(new QueryExecutionListener() {
                                @Override
                                public void beforeQuery(ExecutionInfo info, List<QueryInfo> queries) {}

                                @Override
                                public void afterQuery(ExecutionInfo info, List<QueryInfo> queries) {
                                    String thread = Thread.currentThread().getName();
                                    queries.forEach(query ->
                                            capture.getObject().executed.add(new Executed(thread, query.getQuery())));
                                }
                            })
                            .build();
                }
                return bean;
            }
        };
    }
}
