package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityAndServerTranslatorTest {
    @Test
    void eachSchemeTheBuilderCanConfigureIsKeptAndTheOthersAreUnsupported() {
        ModelContext context = Descriptions.context("""
                servers:
                  - url: https://{region}.example.com/v{version}
                    variables:
                      region: {default: eu}
                      version: {default: '2'}
                paths: {}
                components:
                  securitySchemes:
                    machine:
                      type: oauth2
                      flows:
                        clientCredentials:
                          tokenUrl: /oauth/token
                          scopes: {read: Read., write: Write.}
                    pat: {type: http, scheme: bearer}
                    basic: {type: http, scheme: basic}
                    key: {type: apiKey, in: header, name: X-Key}
                    oidc: {type: openIdConnect, openIdConnectUrl: 'https://id.example.com'}
                """);
        ServerTranslator servers = new ServerTranslator(context);

        assertThat(servers.urls()).containsExactly("https://eu.example.com/v2");
        assertThat(new SecurityTranslator(context, servers).schemes())
                .containsExactly(
                        new SecurityScheme.OAuth2ClientCredentials(
                                "machine", "machine", null, "/oauth/token", List.of("read", "write"), false),
                        new SecurityScheme.HttpBearer("pat", "pat", null),
                        new SecurityScheme.HttpBasic("basic", "basic", null),
                        new SecurityScheme.ApiKey("key", "key", null, SecurityScheme.Location.HEADER, "X-Key"),
                        new SecurityScheme.Unsupported("oidc", "oidc", null, "openidconnect"));
        assertThat(Descriptions.problems(context))
                .containsExactly("test.yaml:22:5: warning: #/components/securitySchemes/oidc: security scheme 'oidc'"
                        + " (openIdConnect) is not supported: configure its credentials with your own OkHttp"
                        + " interceptor");
    }

    @Test
    void securityRequirementsFlattenToTheirSchemesInOrderWithoutRepeats() {
        assertThat(SecurityTranslator.flatten(List.of(
                        new io.swagger.v3.oas.models.security.SecurityRequirement()
                                .addList("a")
                                .addList("b"),
                        new io.swagger.v3.oas.models.security.SecurityRequirement().addList("b"),
                        new io.swagger.v3.oas.models.security.SecurityRequirement().addList("c"))))
                .containsExactly("a", "b", "c");
        assertThat(SecurityTranslator.flatten(null)).isEmpty();
    }
}
