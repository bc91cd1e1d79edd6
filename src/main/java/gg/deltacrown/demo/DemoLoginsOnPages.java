package gg.deltacrown.demo;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The login page of the embedded default lists the demo logins ({@code demoLogins}); never on a real database. */
@ControllerAdvice(basePackages = "gg.deltacrown.web")
@ConditionalOnWebApplication
@ConditionalOnExpression("'${deltacrown.mode:cli}' == 'serve' and ${deltacrown.embedded-database:false}")
class DemoLoginsOnPages {

    @ModelAttribute("demoLogins")
    List<String> demoLogins() {
        return DemoLogins.LOGINS;
    }
}
