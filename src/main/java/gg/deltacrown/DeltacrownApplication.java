package gg.deltacrown;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The DeltaCrown team and organization (vNext) service. Started by {@code gg.deltacrown.cli.Main},
 * which resolves the database first; tests start it directly.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeltacrownApplication {}
