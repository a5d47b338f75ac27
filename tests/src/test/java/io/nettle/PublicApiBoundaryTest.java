package io.nettle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The boundary between API and internals, checked on the compiled classes of every library
 * module: no public or protected member of a public type in an API package mentions a type
 * from an {@code internal} package (in its signature, generic arguments, supertypes, thrown
 * exceptions or fields). The module descriptors keep other modules out of the internals; this
 * test keeps the API from leaking them.
 */
class PublicApiBoundaryTest {
    /** Every API package of the library modules (core, websocket, auth, testkit). */
    static final List<String> API_PACKAGES = List.of(
        "io.nettle", "io.nettle.http", "io.nettle.routing", "io.nettle.middleware", "io.nettle.security",
        "io.nettle.websocket", "io.nettle.auth", "io.nettle.auth.backends", "io.nettle.testkit");

    @Test
    void noPublicSignatureMentionsAnInternalType() {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = apiTypes();
        assertThat(types).as("the API types found on the class path").hasSizeGreaterThan(50);
        for (Class<?> type : types) {
            check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
            for (Type implemented : type.getGenericInterfaces()) {
                check(type.getName() + " implements", implemented, leaks);
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                checkExecutable(type, constructor, leaks);
            }
            for (Method method : type.getDeclaredMethods()) {
                checkExecutable(type, method, leaks);
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
                }
            }
        }
        assertThat(leaks).as("internal types in public signatures").isEmpty();
    }

    @Test
    void theCheckSeesALeak() {
        List<String> leaks = new ArrayList<>();
        check("example", io.nettle.internal.AppRuntime.class, leaks);
        assertThat(leaks).hasSize(1);
    }

    private static void checkExecutable(Class<?> owner, Executable executable, List<String> leaks) {
        if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
            return;
        }
        String where = owner.getName() + "." + executable.getName();
        if (executable instanceof Method method) {
            check(where + " returns", method.getGenericReturnType(), leaks);
        }
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(where + " takes", parameter, leaks);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(where + " throws", thrown, leaks);
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type type, List<String> leaks) {
        check(where, type, leaks, Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static void check(String where, Type type, List<String> leaks, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.getName().startsWith("io.nettle.") && c.getPackageName().contains(".internal")) {
                leaks.add(where + " " + c.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks, seen);
            for (Type argument : p.getActualTypeArguments()) {
                check(where, argument, leaks, seen);
            }
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(t -> check(where, t, leaks, seen));
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                check(where, bound, leaks, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            check(where, a.getGenericComponentType(), leaks, seen);
        }
    }

    /** The public types (nested ones included) of the API packages, from the class path. */
    static List<Class<?>> apiTypes() {
        Set<String> names = new TreeSet<>();
        for (String pkg : API_PACKAGES) {
            names.addAll(classNames(pkg));
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, PublicApiBoundaryTest.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers()) && isPublicAllTheWay(type)) {
                    types.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
        return types;
    }

    private static boolean isPublicAllTheWay(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The names of the classes directly in {@code pkg}, in every class-path entry that holds it. */
    private static Set<String> classNames(String pkg) {
        Set<String> names = new TreeSet<>();
        String dir = pkg.replace('.', '/');
        try {
            for (URL url : Collections.list(PublicApiBoundaryTest.class.getClassLoader().getResources(dir))) {
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                            .filter(f -> !f.equals("package-info.class") && !f.equals("module-info.class"))
                            .forEach(f -> names.add(pkg + "." + f.substring(0, f.length() - 6)));
                    }
                } else if (url.getProtocol().equals("jar")) {
                    var jar = ((JarURLConnection) url.openConnection()).getJarFile();
                    jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0)
                        .filter(n -> !n.endsWith("package-info.class") && !n.endsWith("module-info.class"))
                        .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
