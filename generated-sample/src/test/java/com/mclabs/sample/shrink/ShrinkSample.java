package com.mclabs.sample.shrink;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ProGuard;

/**
 * Runs ProGuard over the sample as an application build would: the sample's classes and tests, the generated
 * client and the Retrospec runtime are the program, shrunk and obfuscated; every other jar is a library. Like R8,
 * it applies every consumer rule file the jars carry ({@code META-INF/proguard/*.pro}).
 *
 * <pre>ShrinkSample &lt;rules.pro&gt; &lt;classpath file&gt; &lt;classes&gt; &lt;test classes&gt; &lt;output dir&gt;</pre>
 */
public final class ShrinkSample {
    private ShrinkSample() {}

    public static void main(String[] args) throws Exception {
        Path rules = Path.of(args[0]);
        List<String> classpath =
                List.of(Files.readString(Path.of(args[1])).strip().split(File.pathSeparator));
        Path output = Path.of(args[4]);
        Path work = output.resolveSibling("proguard");
        Files.createDirectories(work);
        if (Files.exists(output)) {
            try (Stream<Path> old = Files.walk(output)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }

        StringBuilder config = new StringBuilder(Files.readString(rules)).append('\n');
        config.append("-injars ").append(quote(args[2])).append('\n');
        config.append("-injars ").append(quote(args[3])).append("(!com/mclabs/sample/shrink/**)\n"); // not this tool
        List<String> program = new ArrayList<>();
        for (String entry : classpath) {
            if (entry.contains("guardsquare")) {
                continue; // ProGuard itself
            }
            boolean runtime = Path.of(entry).getFileName().toString().startsWith("retrospec-runtime")
                    || entry.contains("/runtime/target/");
            if (runtime) {
                program.add(entry);
                config.append("-injars ").append(quote(entry)).append("(!META-INF/MANIFEST.MF)\n");
            } else {
                config.append("-libraryjars ").append(quote(entry)).append('\n');
            }
            int n = 0;
            for (String rule : consumerRules(entry)) {
                Path file = work.resolve(Path.of(entry).getFileName() + "-" + (n++) + ".pro");
                Files.writeString(file, rule, StandardCharsets.UTF_8);
                config.append("-include ").append(quote(file.toString())).append('\n');
            }
        }
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        try (Stream<Path> modules = Files.list(jmods)) {
            for (Path module : modules.sorted().toList()) {
                config.append("-libraryjars ")
                        .append(quote(module.toString()))
                        .append("(!**.jar;!module-info.class)\n");
            }
        }
        for (String rule : consumerRules(args[2])) { // the generated client's own rules
            Path generated = work.resolve("client-" + rule.hashCode() + ".pro");
            Files.writeString(generated, rule, StandardCharsets.UTF_8);
            config.append("-include ").append(quote(generated.toString())).append('\n');
        }
        config.append("-printmapping ")
                .append(quote(work.resolve("mapping.txt").toString()))
                .append('\n');
        config.append("-outjars ").append(quote(output.toString())).append('\n');
        Path file = work.resolve("effective.pro");
        Files.writeString(file, config, StandardCharsets.UTF_8);

        Configuration configuration = new Configuration();
        try (ConfigurationParser parser = new ConfigurationParser(file.toFile(), System.getProperties())) {
            parser.parse(configuration);
        }
        new ProGuard(configuration).execute();
        System.out.println("ShrinkSample: program " + program + " shrunk and obfuscated into " + output);
    }

    private static String quote(String path) {
        return "'" + path + "'";
    }

    /** The consumer rules a jar (or a class directory) carries in META-INF/proguard/. */
    private static List<String> consumerRules(String entry) throws IOException {
        List<String> rules = new ArrayList<>();
        Path path = Path.of(entry);
        if (Files.isDirectory(path)) {
            Path folder = path.resolve("META-INF/proguard");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path rule : files.filter(f -> f.toString().endsWith(".pro"))
                            .sorted()
                            .toList()) {
                        rules.add(Files.readString(rule));
                    }
                }
            }
            return rules;
        }
        if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
            return rules;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry jarEntry = entries.nextElement();
                if (jarEntry.getName().startsWith("META-INF/proguard/")
                        && jarEntry.getName().endsWith(".pro")) {
                    try (InputStream in = jar.getInputStream(jarEntry)) {
                        rules.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return rules;
    }
}
