package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retrospec.codegen.load.Pointers;
import dev.retrospec.codegen.testing.InMemoryJavac;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;

/**
 * Descriptions are written by others: no text in one may become code. A description is built with hostile strings
 * (comment closers, {@code \}{@code u} escapes of the characters that matter, JavaPoet's {@code $L} and
 * {@code $S}, quotes, line breaks, Javadoc tags, HTML, bidirectional and invisible characters, huge strings) at every
 * place where description text reaches generated source: titles, descriptions, summaries, defaults, enum values,
 * names of schemas, properties, parameters, operations, tags and security schemes, discriminator labels, scopes.
 * The result must compile, declare exactly the types and members the same description with harmless strings
 * declares (no extra method, field, class or initializer), and its Javadoc must say the text, as javac reads it.
 */
class HostileDescriptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The pieces hostile strings are made of. */
    private static final List<String> FRAGMENTS = List.of(
            "*/",
            "/*",
            "/**",
            "//",
            "\\u002a/",
            "\\u002A\\u002F",
            "\\u000a",
            "\\u000d",
            "\\u0022",
            "\\u005c",
            "\\u0027",
            "\\uuuu002a/",
            "\\",
            "\\\\",
            "C:\\users\\shared",
            "$L",
            "$S",
            "$T",
            "$N",
            "$$",
            "$",
            "\"",
            "'",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "\u2028",
            "*",
            "_",
            "`",
            "**bold**",
            "[link](javascript:alert(1))",
            "![image](https://tracker.example.com/p.png)",
            "\n# ",
            "\n- ",
            "\n\n",
            "\n```\n",
            "\u0085",
            "@param x",
            "\n@deprecated",
            "{@link java.lang.Runtime}",
            "{@code",
            "}",
            "{",
            "<b>",
            "</p><script>",
            "&amp;",
            "&#42;/",
            "\u202E",
            "\u2066",
            "\u200B",
            "\uFEFF",
            "\u0000",
            "\u001A",
            "class",
            "default void pwn() {}",
            "Object PWNED = new Object() {{ Runtime.getRuntime(); }};",
            "static { System.exit(1); }",
            "%s",
            "${x}",
            "😀",
            "名前",
            "null",
            " ",
            "");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> joined =
                Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
        // Huge, yet under the 32 KB (UTF-8) a string constant may hold here: past it, a name is refused, with its
        // place.
        Arbitrary<String> huge = Arbitraries.of(FRAGMENTS).map(fragment -> {
            int bytes = (fragment + "x").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            return (fragment + "x").repeat(Math.min(2_000, 30_000 / bytes));
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, joined), net.jqwik.api.Tuple.of(1, huge));
    }

    @Property(seed = "20261129", shrinking = ShrinkingMode.OFF)
    void hostileTextNeverBecomesCode(@ForAll @Size(min = 1, max = 48) List<@From("hostile") String> texts)
            throws IOException {
        Texts hostile = new Texts(texts);
        Shape expected = shape(Texts.HARMLESS);
        Shape actual = shape(hostile);

        assertThat(actual.errors()).as("javac errors").isEmpty();
        assertThat(actual.signatures()).as("types and members").isEqualTo(expected.signatures());
        assertThat(actual.classFiles())
                .as("class files and static initializers")
                .isEqualTo(expected.classFiles());
        String doc = normalize(actual.operationDoc());
        for (int i : new int[] {5, 6}) {
            String text = normalize(markdownText(hostile.text(i)));
            if (!doc.contains(text)) {
                throw new AssertionError("the operation's Javadoc, as javac reads it, does not say text " + i + ": "
                        + abbreviate(text) + " " + codePoints(abbreviate(text)) + "\nJavadoc: " + abbreviate(doc)
                        + " " + codePoints(abbreviate(doc)));
            }
        }
    }

    /** The harmless shape is computed once per JVM. */
    private static Shape harmless;

    private static synchronized Shape shape(Texts texts) throws IOException {
        if (texts == Texts.HARMLESS && harmless != null) {
            return harmless;
        }
        Path dir = Files.createTempDirectory("retrospec-hostile");
        Path spec = dir.resolve("api.json");
        Files.writeString(
                spec,
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description(texts)),
                StandardCharsets.UTF_8);
        Generator.Result result;
        try {
            result = Generator.generate(
                    GeneratorOptions.builder(spec, "com.example.hostile").build());
        } catch (dev.retrospec.codegen.load.SpecProblemsException e) {
            throw new AssertionError("the description must generate: " + e.getMessage(), e);
        }
        Path classes = dir.resolve("classes");
        for (dev.retrospec.codegen.GeneratedFile file : result.files()) {
            Path source = dir.resolve("sources").resolve(file.path());
            Files.createDirectories(source.getParent());
            Files.writeString(source, file.content(), StandardCharsets.UTF_8); // to look at when it fails
        }
        List<String> signatures = new ArrayList<>();
        String[] operationDoc = {""};
        InMemoryJavac.Compilation compilation = InMemoryJavac.compileAndInspect(result.files(), classes, c -> {
            for (TypeElement type : c.types()) {
                signatures.add(signature(type));
                if (type.getKind() == ElementKind.INTERFACE
                        && type.getQualifiedName().toString().contains(".api.")) {
                    for (Element member : type.getEnclosedElements()) {
                        if (member instanceof ExecutableElement method
                                && method.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT)) {
                            String doc = c.elements().getDocComment(method);
                            operationDoc[0] = doc == null ? "" : doc;
                        }
                    }
                }
            }
        });
        signatures.sort(null);
        List<String> classFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String name = file.getFileName().toString();
                classFiles.add((name.contains("$") ? "nested" : "top") + (bytes.contains("<clinit>") ? "+clinit" : ""));
            }
        }
        classFiles.sort(null);
        List<String> errors = compilation.diagnostics().stream()
                .filter(d -> d.contains(": error: "))
                .toList();
        Shape shape = new Shape(errors, signatures, classFiles, operationDoc[0]);
        if (texts == Texts.HARMLESS) {
            harmless = shape;
        }
        return shape;
    }

    /** What javac saw: a type's kind and how many members of each kind it has, its names left out. */
    private static String signature(TypeElement type) {
        int fields = 0;
        int methods = 0;
        int constructors = 0;
        int nested = 0;
        int constants = 0;
        for (Element member : type.getEnclosedElements()) {
            switch (member.getKind()) {
                case FIELD -> fields++;
                case ENUM_CONSTANT -> constants++;
                case METHOD -> methods++;
                case CONSTRUCTOR -> constructors++;
                case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> nested++;
                default -> {}
            }
        }
        return type.getKind() + " fields=" + fields + " constants=" + constants + " methods=" + methods
                + " constructors=" + constructors + " nested=" + nested + " top="
                + (type.getNestingKind() == javax.lang.model.element.NestingKind.TOP_LEVEL);
    }

    private static String codePoints(String text) {
        StringBuilder out = new StringBuilder("[");
        text.codePoints()
                .limit(80)
                .forEach(c -> out.append(Integer.toHexString(c)).append(' '));
        return out.append(']').toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + text.length() + " characters)";
    }

    private record Shape(List<String> errors, List<String> signatures, List<String> classFiles, String operationDoc) {}

    private static final org.commonmark.parser.Parser MARKDOWN =
            org.commonmark.parser.Parser.builder().build();
    private static final org.commonmark.renderer.html.HtmlRenderer HTML =
            org.commonmark.renderer.html.HtmlRenderer.builder().escapeHtml(true).build();
    private static final Pattern IMAGE = Pattern.compile("<img [^>]*alt=\"([^\"]*)\"[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /**
     * What a description says, read as the Markdown it is (CommonMark, by commonmark-java itself): its text without
     * the markup, images as their alternative text.
     */
    private static String markdownText(String text) {
        return IMAGE.matcher(HTML.render(MARKDOWN.parse(text.strip()))).replaceAll("$1");
    }

    /**
     * Text as Javadoc shows it: without tags and character references, its whitespace runs as single spaces (lines
     * are wrapped where the generator likes).
     */
    private static String normalize(String html) {
        String text = unescape(TAG.matcher(html).replaceAll(" "));
        return text.replaceAll("[\\s\u00a0]+", " ").strip();
    }

    private static final Pattern REFERENCE = Pattern.compile("&#(\\d+);");

    private static String unescape(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    /** The strings a description is built with: hostile, or harmless ones of the same structure. */
    private static final class Texts {
        static final Texts HARMLESS = new Texts(null);

        private final List<String> hostile;

        Texts(List<String> hostile) {
            this.hostile = hostile == null ? List.of() : hostile;
        }

        /** Text at position {@code i}: a description, a summary, a default. */
        String text(int i) {
            return hostile.isEmpty() ? "text " + i : hostile.get(i % hostile.size());
        }

        /** A name at position {@code i}, unique among names: for keys of objects, which must differ. */
        String name(int i) {
            return hostile.isEmpty() ? "name" + i : text(i + 7) + "#" + i;
        }

        /** A name that must survive as a JSON pointer inside a {@code $ref} and as a path placeholder. */
        String key(int i) {
            String name = name(i).replaceAll("[#%{}/~?\\\\\\s\\p{Cntrl}]", "");
            return hostile.isEmpty() ? name : "k" + i + name;
        }
    }

    private static ObjectNode description(Texts t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("openapi", "3.0.3");
        root.putObject("info").put("title", t.text(0)).put("version", t.text(1)).put("description", t.text(2));
        root.putArray("servers")
                .addObject()
                .put("url", "https://api.example.com/v1")
                .put("description", t.text(3));
        String tag = t.name(0);
        root.putArray("tags").addObject().put("name", tag).put("description", t.text(4));
        String oauth = t.key(16);
        String apiKey = t.key(17);
        root.putArray("security").addObject().putArray(oauth).add(t.name(40));

        ObjectNode paths = root.putObject("paths");
        String placeholder = t.key(20);
        ObjectNode get = paths.putObject("/items/{" + placeholder + "}").putObject("get");
        get.put("operationId", t.name(1)).put("summary", t.text(5)).put("description", t.text(6));
        get.putArray("tags").add(tag);
        ArrayNode parameters = get.putArray("parameters");
        parameters
                .addObject()
                .put("name", placeholder)
                .put("in", "path")
                .put("required", true)
                .put("description", t.text(7))
                .putObject("schema")
                .put("type", "string");
        ObjectNode query =
                parameters.addObject().put("name", t.name(2)).put("in", "query").put("description", t.text(8));
        query.putObject("schema").put("type", "string").put("default", t.text(9));
        parameters
                .addObject()
                .put("name", "X-" + t.key(3))
                .put("in", "header")
                .put("description", t.text(10))
                .putObject("schema")
                .put("type", "string");
        ObjectNode deep = parameters
                .addObject()
                .put("name", t.name(4))
                .put("in", "query")
                .put("style", "deepObject")
                .put("explode", true);
        deep.putObject("schema")
                .put("type", "object")
                .putObject("additionalProperties")
                .put("type", "string");
        parameters
                .addObject()
                .put("name", t.key(5))
                .put("in", "cookie")
                .putObject("schema")
                .put("type", "string");
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", t.text(11));
        ok.putObject("headers")
                .putObject("X-" + t.key(6))
                .put("description", t.text(12))
                .putObject("schema")
                .put("type", "string");
        String thing = t.key(7);
        String error = t.key(15);
        ok.putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", ref(thing));
        responses
                .putObject("404")
                .put("description", t.text(13))
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", ref(error));

        ObjectNode schemas = root.putObject("components").putObject("schemas");
        String color = t.key(10);
        String pet = t.key(11);
        String cat = t.key(13);
        String dog = t.key(14);
        String kind = t.name(12);
        ObjectNode thingSchema = schemas.putObject(thing)
                .put("type", "object")
                .put("title", t.text(14))
                .put("description", t.text(15));
        thingSchema.putArray("required").add(t.name(8));
        ObjectNode properties = thingSchema.putObject("properties");
        properties
                .putObject(t.name(8))
                .put("type", "string")
                .put("description", t.text(16))
                .put("default", t.text(17));
        properties.putObject(t.name(9)).put("$ref", ref(color));
        properties.putObject(t.name(10)).put("$ref", ref(pet));
        ObjectNode colorSchema = schemas.putObject(color).put("type", "string").put("description", t.text(18));
        colorSchema.putArray("enum").add(t.name(30)).add(t.name(31)).add(t.name(32));
        ObjectNode petSchema = schemas.putObject(pet);
        petSchema
                .putArray("oneOf")
                .add(f.objectNode().put("$ref", ref(cat)))
                .add(f.objectNode().put("$ref", ref(dog)));
        ObjectNode discriminator = petSchema.putObject("discriminator").put("propertyName", kind);
        discriminator.putObject("mapping").put(t.name(33), ref(cat)).put(t.name(34), ref(dog));
        for (String variant : List.of(cat, dog)) {
            ObjectNode variantSchema = schemas.putObject(variant).put("type", "object");
            variantSchema.putArray("required").add(kind);
            ObjectNode variantProperties = variantSchema.putObject("properties");
            variantProperties.putObject(kind).put("type", "string");
            variantProperties.putObject(t.name(35)).put("type", "integer").put("description", t.text(19));
        }
        schemas.putObject(error)
                .put("type", "object")
                .putObject("properties")
                .putObject(t.name(36))
                .put("type", "string")
                .put("description", t.text(20));

        ObjectNode securitySchemes = root.withObject("/components").putObject("securitySchemes");
        ObjectNode oauthScheme =
                securitySchemes.putObject(oauth).put("type", "oauth2").put("description", t.text(21));
        oauthScheme
                .putObject("flows")
                .putObject("clientCredentials")
                .put("tokenUrl", "https://id.example.com/token")
                .putObject("scopes")
                .put(t.name(40), t.text(22));
        securitySchemes
                .putObject(apiKey)
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", "X-" + t.key(18))
                .put("description", t.text(23));
        return root;
    }

    private static String ref(String key) {
        return Pointers.child("#/components/schemas", key);
    }
}
