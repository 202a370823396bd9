package dev.upsert.hibernate;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.MethodCall;
import org.hibernate.Session;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isDefaultMethod;
import static net.bytebuddy.matcher.ElementMatchers.isEquals;
import static net.bytebuddy.matcher.ElementMatchers.isHashCode;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Generates, once, a class implementing {@link UpsertSession} whose every {@code Session} method
 * calls the wrapped session directly: no reflection or {@code InvocationHandler} per call, unlike
 * a JDK proxy.
 */
final class SessionWrapper {

    private static final Constructor<? extends UpsertSession> CONSTRUCTOR = generate();

    private SessionWrapper() {
    }

    static UpsertSession wrap(Session session) {
        try {
            return CONSTRUCTOR.newInstance(session);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot wrap " + session, e);
        }
    }

    private static Constructor<? extends UpsertSession> generate() {
        try {
            Class<? extends UpsertSession> type = new ByteBuddy()
                    .subclass(Object.class)
                    .name(UpsertSession.class.getName() + "$Delegating")
                    .implement(UpsertSession.class)
                    .defineField("session", Session.class, Visibility.PRIVATE)
                    .defineConstructor(Visibility.PUBLIC).withParameters(Session.class)
                    .intercept(MethodCall.invoke(Object.class.getConstructor())
                            .andThen(FieldAccessor.ofField("session").setsArgumentAt(0)))
                    .method(not(isDeclaredBy(UpsertSession.class).and(isDefaultMethod()))
                            .and(not(isDeclaredBy(Object.class))).and(not(isEquals())).and(not(isHashCode())))
                    .intercept(MethodCall.invokeSelf().onField("session").withAllArguments())
                    .make()
                    .load(UpsertSession.class.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(MethodHandles.lookup()))
                    .getLoaded()
                    .asSubclass(UpsertSession.class);
            return type.getConstructor(Session.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
