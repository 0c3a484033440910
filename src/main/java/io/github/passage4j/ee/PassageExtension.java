package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import jakarta.el.ELProcessor;
import jakarta.el.ExpressionFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Finds the {@link PassageAuthenticationDefinition}s on a bean of the deployment and, only then, registers the
 * authentication mechanism and the producers of the caller's profile and tokens. Resolves and validates the settings
 * while the application deploys, so that a misconfiguration fails the deployment instead of the first sign-in.
 */
public class PassageExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(PassageExtension.class.getName());

    private final List<Class<?>> definitions = new ArrayList<>();
    private final List<Bean<?>> identityStoreBeans = new ArrayList<>();
    private volatile Definitions settings;
    private volatile EndedSessions endedSessions;

    <T> void findDefinition(@Observes @WithAnnotations({PassageAuthenticationDefinition.class,
            PassageAuthenticationDefinition.List.class}) ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (type.getAnnotationsByType(PassageAuthenticationDefinition.class).length > 0) {
            definitions.add(type);
        }
    }

    /**
     * Every {@link IdentityStore} bean, to find the application's own among them later. Looked up this way rather
     * than injected: Payara resolves an injection point of the mechanism (a type this extension added) among the
     * server's beans only, missing the application's stores.
     */
    void findIdentityStore(@Observes ProcessBean<?> event) {
        if (event.getBean().getTypes().contains(IdentityStore.class)) {
            identityStoreBeans.add(event.getBean());
        }
    }

    void registerMechanism(@Observes AfterTypeDiscovery event) {
        if (!definitions.isEmpty()) {
            event.addAnnotatedType(PassageAuthenticationMechanism.class, "passage4j-mechanism");
            event.addAnnotatedType(PassageCallerProducer.class, "passage4j-caller-producer");
        }
    }

    void resolveSettings(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        if (definitions.isEmpty()) {
            return;
        }
        if (definitions.size() > 1) {
            event.addDeploymentProblem(new DeploymentException("Passage4J: @PassageAuthenticationDefinition is on "
                    + definitions + "; put all of them on exactly one bean"));
            return;
        }
        Class<?> definedOn = definitions.get(0);
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        SettingsResolver resolver = new SettingsResolver(
                ConfigSource.forDeployment(classLoader != null ? classLoader : definedOn.getClassLoader()),
                expressions(beanManager));
        List<PassageSettings> resolved = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PassageAuthenticationDefinition definition
                : definedOn.getAnnotationsByType(PassageAuthenticationDefinition.class)) {
            try {
                resolved.add(resolver.resolve(definition));
            } catch (InvalidSettingsException invalid) {
                problems.add(invalid.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            event.addDeploymentProblem(new DeploymentException(String.join("\n", problems)));
            return;
        }
        try {
            settings = Definitions.of(resolved);
            endedSessions = EndedSessionsCaches.open(settings.session(),
                    classLoader != null ? classLoader : definedOn.getClassLoader(), beanManager, Clock.systemUTC());
        } catch (InvalidSettingsException invalid) {
            event.addDeploymentProblem(new DeploymentException(invalid.getMessage()));
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Passage4J: sessions kept in " + (settings.session().stateless()
                ? "encrypted cookies (stateless)" : "the HTTP session") + "; ended sessions listed in "
                + (settings.session().endedSessionsCache().isEmpty()
                    ? "this JVM" : settings.session().endedSessionsCache()));
        for (PassageSettings each : settings.all()) {
            LOG.log(System.Logger.Level.INFO, "Passage4J: sign-in with " + each.client().issuer()
                     + " as client " + each.client().clientId() + " ("
                    + (settings.all().size() == 1 ? "" : each.describe()
                    + (each == settings.defaultDefinition() ? ", the default" : "") + ", ")
                    + "defined on " + definedOn.getName() + ")");
            if ("http".equalsIgnoreCase(each.client().issuer().getScheme())) {
                // the one loosening of the defaults: said out loud, so it never goes to production unnoticed
                LOG.log(System.Logger.Level.WARNING, "Passage4J: the issuer " + each.client().issuer()
                        + " uses plain http, accepted only because its host is a loopback address (development and "
                        + "tests); use https anywhere else");
            }
        }
    }

    /**
     * The app stops: the threads its ended sessions list runs of its own end, even one stuck in a hung cache call,
     * so an undeployed app leaves none behind holding its classes.
     */
    void closeEndedSessions(@Observes BeforeShutdown event) {
        EndedSessions opened = endedSessions;
        if (opened != null) {
            opened.close();
        }
    }

    /** The app's list of ended sessions; available once the deployment has been validated. */
    EndedSessions endedSessions() {
        return endedSessions;
    }

    /** The resolved settings of every definition; available once the deployment has been validated. */
    Definitions settings() {
        if (settings == null) {
            throw new IllegalStateException("Passage4J: settings are not resolved; the deployment failed validation");
        }
        return settings;
    }

    /**
     * The application's own {@link IdentityStore} beans: those whose class the application itself brings (its class
     * loader is that of the class carrying the annotation). A server's built-in stores, which some servers make beans
     * of every application, are not the application's and are left out.
     */
    List<Bean<?>> applicationIdentityStores() {
        if (definitions.isEmpty()) {
            return List.of();
        }
        ClassLoader application = definitions.get(0).getClassLoader();
        return identityStoreBeans.stream().filter(bean -> bean.getBeanClass().getClassLoader() == application).toList();
    }

    /** {@code ${...}} expressions are evaluated as Jakarta Security evaluates those of its own annotations. */
    private static UnaryOperator<String> expressions(BeanManager beanManager) {
        return text -> {
            ELProcessor processor = new ELProcessor();
            processor.getELManager().addELResolver(beanManager.getELResolver());
            Object value = ExpressionFactory.newInstance()
                    .createValueExpression(processor.getELManager().getELContext(), text, String.class)
                    .getValue(processor.getELManager().getELContext());
            return value == null ? null : value.toString();
        };
    }
}
