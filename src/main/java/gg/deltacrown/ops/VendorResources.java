package gg.deltacrown.ops;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Third-party browser code (the dashboard's chart library) comes from webjars on the classpath and
 * is served by the service itself under {@code /static/vendor/}, with the page's other static
 * files: no CDN, nothing for a content security policy to allow beyond {@code 'self'}. Paths carry
 * no version ({@code /static/vendor/uplot/dist/uPlot.iife.min.js}); the pom pins it.
 */
@Configuration
@ConditionalOnWebApplication
class VendorResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/static/vendor/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
