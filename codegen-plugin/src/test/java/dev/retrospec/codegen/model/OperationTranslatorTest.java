package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.retrospec.codegen.model.Operation.Location;
import dev.retrospec.codegen.model.Operation.Parameter;
import dev.retrospec.codegen.model.Operation.Style;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationTranslatorTest {
    private static List<Service> services(ModelContext context) {
        SchemaTranslator schemas = new SchemaTranslator(context);
        schemas.translateComponents();
        return new OperationTranslator(context, schemas).services();
    }

    private static Operation only(ModelContext context) {
        List<Service> services = services(context);
        assertThat(services).hasSize(1);
        assertThat(services.get(0).operations()).hasSize(1);
        return services.get(0).operations().get(0);
    }

    @Test
    void placeholdersRetrofitRefusesAreRenamedToOnesItAcceptsThatNoOtherPlaceholderHas() {
        ModelContext context = Descriptions.context("""
                paths:
                  /r/{user.id}/{userId}/{2x}/{名前}/{a-b}:
                    get:
                      operationId: clash
                      parameters:
                        - {name: user.id, in: path, required: true, schema: {type: string}}
                        - {name: userId, in: path, required: true, schema: {type: string}}
                        - {name: 2x, in: path, required: true, schema: {type: string}}
                        - {name: 名前, in: path, required: true, schema: {type: string}}
                        - {name: a-b, in: path, required: true, schema: {type: string}}
                      responses: {'204': {description: ok}}
                """);

        Operation op = only(context);

        assertThat(op.path()).isEqualTo("r/{userId2}/{userId}/{p_2x}/{p}/{a-b}");
        assertThat(op.parameters())
                .extracting(Parameter::wireName)
                .containsExactly("userId2", "userId", "p_2x", "p", "a-b");
        assertThat(op.path()).matches("([^{}]*\\{[a-zA-Z][a-zA-Z0-9_-]*})*[^{}]*");
    }

    @Test
    void aGetOrHeadGoesWithoutTheBodyItCannotSendAndAHeadWithoutTheBodyItCannotGet() {
        ModelContext context = Descriptions.context("""
                paths:
                  /search:
                    get:
                      operationId: search
                      requestBody: {content: {application/json: {schema: {type: string}}}}
                      responses: {'204': {description: ok}}
                    head:
                      operationId: exists
                      responses:
                        '200': {description: ok, content: {application/json: {schema: {type: integer}}}}
                """);

        List<Operation> ops = services(context).get(0).operations();

        assertThat(ops).extracting(Operation::javaName).containsExactly("search", "exists");
        assertThat(ops.get(0).body()).isNull();
        assertThat(ops.get(1).success().type()).isNull();
        assertThat(context.problems())
                .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("#/paths/~1search/get/requestBody"));
    }

    @Test
    void operationsAreGroupedByTheirFirstTagInTheOrderTagsAreDeclared() {
        ModelContext context = Descriptions.context("""
                tags: [{name: stores, description: Shops.}, {name: pets}]
                paths:
                  /pets:
                    get: {operationId: listPets, tags: [pets, stores], responses: {'204': {description: ok}}}
                  /ping:
                    get: {responses: {'204': {description: ok}}}
                  /stores:
                    get: {operationId: listStores, tags: [stores], responses: {'204': {description: ok}}}
                """);

        assertThat(services(context))
                .extracting(Service::name, Service::accessor, Service::description)
                .containsExactly(
                        tuple("StoresApi", "stores", "Shops."),
                        tuple("PetsApi", "pets", null),
                        tuple("DefaultApi", "default_", null));
        assertThat(services(Descriptions.context(
                                "paths:\n  /ping:\n    get: {responses: {'204': {description: ok}}}\n"))
                        .get(0)
                        .operations()
                        .get(0)
                        .javaName())
                .as("without an operationId, the method and path name the method")
                .isEqualTo("getPing");
    }

    @Test
    void parametersComePathFirstThenRequiredThenOptionalAndPlaceholdersRetrofitRefusesAreRenamed() {
        Operation op = only(Descriptions.context("""
                paths:
                  /users/{user.id}/items:
                    parameters:
                      - {name: user.id, in: path, required: true, schema: {type: string}}
                    get:
                      operationId: listItems
                      parameters:
                        - {name: limit, in: query, schema: {type: integer, format: int32, default: 20}}
                        - {name: X-Trace, in: header, required: true, schema: {type: string}}
                        - {name: tags, in: query, explode: false, schema: {type: array, items: {type: string}}}
                        - {name: sort, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
                        - {name: filter, in: query, style: deepObject, schema: {type: object}}
                        - {name: session, in: cookie, schema: {type: string}}
                      responses: {'204': {description: ok}}
                """));

        assertThat(op.path()).isEqualTo("users/{userId}/items");
        assertThat(op.parameters())
                .extracting(
                        Parameter::wireName,
                        Parameter::javaName,
                        Parameter::location,
                        Parameter::required,
                        Parameter::style)
                .containsExactly(
                        tuple("userId", "userId", Location.PATH, true, Style.PLAIN),
                        tuple("X-Trace", "xTrace", Location.HEADER, true, Style.PLAIN),
                        tuple("limit", "limit", Location.QUERY, false, Style.PLAIN),
                        tuple("tags", "tags", Location.QUERY, false, Style.CSV),
                        tuple("sort", "sort", Location.QUERY, false, Style.PIPES),
                        tuple("filter", "filter", Location.QUERY, false, Style.DEEP_OBJECT),
                        tuple("session", "session", Location.COOKIE, false, Style.PLAIN));
        assertThat(op.parameters().get(2).defaultValue()).isEqualTo("20");
        assertThat(op.requiredParameters()).extracting(Parameter::javaName).containsExactly("userId", "xTrace");
    }

    @Test
    void anOperationsParameterOverridesItsPathsOneOfTheSameNameAndPlace() {
        Operation op = only(Descriptions.context("""
                paths:
                  /pets/{id}:
                    parameters:
                      - {name: id, in: path, required: true, schema: {type: string}}
                    get:
                      operationId: getPet
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
                      responses: {'204': {description: ok}}
                """));

        assertThat(op.parameters())
                .extracting(Parameter::type)
                .containsExactly(new TypeRef.Primitive(TypeRef.Kind.INT64));
    }

    @Test
    void bodiesAreTypedByTheirMediaTypeJsonPreferred() {
        ModelContext context = Descriptions.context("""
                paths:
                  /json:
                    post:
                      operationId: json
                      requestBody:
                        required: true
                        content:
                          text/plain: {schema: {type: string}}
                          application/json: {schema: {type: object, properties: {a: {type: string}}}}
                      responses: {'204': {description: ok}}
                  /form:
                    post:
                      operationId: form
                      requestBody:
                        content:
                          application/x-www-form-urlencoded:
                            schema:
                              type: object
                              required: [b]
                              properties: {a: {type: string}, b: {type: integer}}
                      responses: {'204': {description: ok}}
                  /upload:
                    post:
                      operationId: upload
                      requestBody:
                        content:
                          multipart/form-data:
                            schema: {type: object, properties: {file: {type: string, format: binary}}}
                      responses: {'204': {description: ok}}
                  /raw:
                    put:
                      operationId: raw
                      requestBody: {content: {application/octet-stream: {schema: {type: string, format: binary}}}}
                      responses: {'204': {description: ok}}
                  /text:
                    put:
                      operationId: text
                      requestBody: {content: {text/csv: {schema: {type: string}}}}
                      responses: {'204': {description: ok}}
                """);
        List<Operation> ops = services(context).get(0).operations();

        assertThat(ops.get(0).body())
                .isEqualTo(new Body.Json("application/json", true, null, new TypeRef.Named("JsonRequest"), "body"));
        assertThat(ops.get(1).body()).isInstanceOf(Body.Form.class);
        assertThat(((Body.Form) ops.get(1).body()).fields())
                .extracting(Body.Field::wireName, Body.Field::required)
                .as("required fields first")
                .containsExactly(tuple("b", true), tuple("a", false));
        assertThat(((Body.Multipart) ops.get(2).body()).fields().get(0).type()).isEqualTo(TypeRef.BINARY);
        assertThat(ops.get(3).body()).isEqualTo(new Body.Binary("application/octet-stream", false, null, "body"));
        assertThat(ops.get(4).body()).isEqualTo(new Body.Text("text/csv", false, null, "body"));
    }

    @Test
    void theSuccessIsTheFirstTypedTwoHundredAndOnlyADefaultResponseIsTheSuccessToo() {
        ModelContext context = Descriptions.context("""
                paths:
                  /a:
                    get:
                      operationId: a
                      responses:
                        '202': {description: accepted}
                        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
                        '404': {description: missing, content: {application/json: {schema: {type: object, properties: {m: {type: string}}}}}}
                        default: {description: other}
                  /b:
                    get:
                      operationId: b
                      responses:
                        default: {description: anything, content: {application/json: {schema: {type: integer}}}}
                """);
        List<Operation> ops = services(context).get(0).operations();

        assertThat(ops.get(0).success().status()).isEqualTo("200");
        assertThat(ops.get(0).errors())
                .extracting(Operation.Response::status, Operation.Response::type)
                .containsExactly(tuple("404", new TypeRef.Named("A404Error")), tuple("default", null));
        assertThat(ops.get(1).success().status()).isEqualTo("default");
        assertThat(ops.get(1).errors()).isEmpty();
    }
}
