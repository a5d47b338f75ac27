package io.nettle.routing;

import io.nettle.http.Request;
import io.nettle.http.Response;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Finds the HTTP-method methods of an {@link HttpEndpoint} and turns each into an {@link Endpoint}. */
final class HttpEndpointMethods {
    private static final Set<String> METHOD_NAMES = Set.of("get", "post", "put", "patch", "delete", "options");

    private HttpEndpointMethods() {
    }

    static Map<String, Endpoint> of(HttpEndpoint instance) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (Method method : instance.getClass().getMethods()) {
            if (!METHOD_NAMES.contains(method.getName()) || Modifier.isStatic(method.getModifiers())
                || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String http = method.getName().toUpperCase(Locale.ROOT);
            endpoints.put(http, Decorators.apply(method, toEndpoint(instance, method)));
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(instance.getClass().getName()
                + " has no public get/post/put/patch/delete/options(Request) method");
        }
        return Collections.unmodifiableMap(endpoints);
    }

    private static Endpoint toEndpoint(HttpEndpoint instance, Method method) {
        Class<?> returns = method.getReturnType();
        boolean sync = returns == Response.class;
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != Request.class
            || !(sync || returns == CompletionStage.class || returns == CompletableFuture.class)) {
            throw new IllegalArgumentException(instance.getClass().getName() + "." + method.getName()
                + " must take (Request) and return Response or CompletionStage<Response>");
        }
        MethodHandle handle;
        try {
            method.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(method).bindTo(instance)
                .asType(MethodType.methodType(Object.class, Request.class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot call " + method + ": make the class and method public", e);
        }
        if (sync) {
            return request -> CompletableFuture.completedFuture((Response) invoke(handle, request));
        }
        return request -> castStage(invoke(handle, request));
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Response> castStage(Object value) {
        return (CompletionStage<Response>) value;
    }

    private static Object invoke(MethodHandle handle, Request request) throws Exception {
        try {
            return handle.invokeExact(request);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
