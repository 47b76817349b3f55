package io.leadrouter.intake;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.regex.Pattern;

/** A territory a rep covers: a country code ({@code DE}), a country-region pair ({@code US-CA}), or {@code *}. */
@Documented
@Constraint(validatedBy = Territory.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Territory {

    String message() default "must be an ISO country code (DE), a country-region pair (US-CA) or *";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Territory, String> {
        private static final Pattern SHAPE = Pattern.compile("([A-Za-z]{2})(-[A-Za-z0-9]{1,3})?");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.equals("*")) {
                return true;
            }
            var m = SHAPE.matcher(value);
            return m.matches() && CountryCode.ISO_COUNTRIES.contains(m.group(1).toUpperCase(Locale.ROOT));
        }
    }
}
