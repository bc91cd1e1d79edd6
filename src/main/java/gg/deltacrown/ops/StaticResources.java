package gg.deltacrown.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Files the pages need besides {@code /static/}: third-party browser code (the dashboard's chart
 * library) from webjars on the classpath, served by the service itself under {@code /static/vendor/}
 * (no CDN, nothing for a self-only content security policy to allow; paths carry no version,
 * {@code /static/vendor/uplot/dist/uPlot.iife.min.js}, the pom pins it), and {@code /favicon.ico},
 * which browsers ask for on every page.
 */
@Configuration
@ConditionalOnWebApplication
class StaticResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/static/vendor/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/favicon.ico").addResourceLocations("classpath:/static/images/");
    }
}
