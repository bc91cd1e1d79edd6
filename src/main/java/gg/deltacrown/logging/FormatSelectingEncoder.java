package gg.deltacrown.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The console encoder: logfmt (our {@link LogfmtLayout}) or JSON (logstash-logback-encoder, with
 * the SLF4J key-value pairs as top-level fields), chosen by {@code LOG_FORMAT}.
 */
public class FormatSelectingEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "logfmt";
    private Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public void start() {
        if ("json".equals(format)) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(getContext());
            delegate = json;
        } else {
            LogfmtLayout layout = new LogfmtLayout();
            layout.setContext(getContext());
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> logfmt = new LayoutWrappingEncoder<>();
            logfmt.setContext(getContext());
            logfmt.setLayout(layout);
            logfmt.setCharset(StandardCharsets.UTF_8);
            delegate = logfmt;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
