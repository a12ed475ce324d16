package com.mclabs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo prints the flow the README promises and never a token or the secret, neither to stdout nor to logs. */
class DemoTest {
    @Test
    void printsTheWholeFlowAndNoSecrets() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> logs = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logs.add(record.getLoggerName() + " " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Demo.run(out);
        } finally {
            root.removeHandler(capture);
            root.setLevel(previous);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(output)
                .contains("status=ok version=1.0.0")
                .contains("[token #1 acquired: initial")
                .contains("dev-1 \"Boiler sensor\" online")
                .contains("HTTP 404: code=device_not_found")
                .contains("[token #2 acquired: expiring")
                .contains("dropped: rejected by server]")
                .contains("[token #3 acquired: rejected")
                .contains("Token requests: 3, 401s from the API: 1");

        // The demo draws its secret at random and the stand-in issues random tokens: find the tokens by their
        // shape, then make sure none of them, nor anything that looks like the 32-hex-digit secret, was printed.
        Matcher token = Pattern.compile("mt_[A-Za-z0-9_-]{20,}").matcher(output + String.join("\n", logs));
        assertThat(token.find()).as("a token in the output").isFalse();
        assertThat(Pattern.compile("\\b[0-9a-f]{32}\\b")
                        .matcher(output + String.join("\n", logs))
                        .find())
                .as("the client secret in the output")
                .isFalse();
    }
}
