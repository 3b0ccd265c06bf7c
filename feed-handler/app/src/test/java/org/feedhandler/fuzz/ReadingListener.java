package org.feedhandler.fuzz;

import org.feedhandler.protocol.itch.ItchListener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ItchListener} that reads every field of every message it is given (each public no-argument
 * accessor of the flyweight), so a fuzz input reaches the accessors as a real consumer would, and counts
 * the callbacks.
 */
final class ReadingListener
{
    private static final Map<Class<?>, List<Method>> ACCESSORS = new ConcurrentHashMap<>();

    private long callbacks;
    private final ItchListener listener = (ItchListener)Proxy.newProxyInstance(
        ItchListener.class.getClassLoader(), new Class<?>[]{ItchListener.class}, (proxy, method, args) ->
        {
            if (method.getDeclaringClass() == Object.class)
            {
                return "equals".equals(method.getName()) ? proxy == args[0] :
                    "hashCode".equals(method.getName()) ? System.identityHashCode(proxy) : "ReadingListener";
            }
            callbacks++;
            if (null != args && 1 == args.length)
            {
                readAll(args[0]);
            }
            return null;
        });

    private static void readAll(final Object message) throws IllegalAccessException
    {
        for (final Method accessor : ACCESSORS.computeIfAbsent(message.getClass(), ReadingListener::accessors))
        {
            try
            {
                accessor.invoke(message);
            }
            catch (final InvocationTargetException ex)
            {
                final Throwable cause = ex.getCause();
                throw new AssertionError(message.getClass().getSimpleName() + "." + accessor.getName() +
                    "() threw on a decoded message: " + cause, cause);
            }
        }
    }

    private static List<Method> accessors(final Class<?> type)
    {
        final List<Method> methods = new ArrayList<>();
        for (final Method m : type.getMethods())
        {
            if (m.getDeclaringClass() != Object.class && 0 == m.getParameterCount() &&
                !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class)
            {
                methods.add(m);
            }
        }
        return methods;
    }

    ItchListener listener()
    {
        return listener;
    }

    long callbacks()
    {
        return callbacks;
    }
}
