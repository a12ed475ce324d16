package dev.retrospec.codegen.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retrospec.codegen.load.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which shape of paging an operation has, from its parameters, its response and its extension. */
class PagingTranslatorTest {
    private static Operation only(ModelContext context) {
        SchemaTranslator schemas = new SchemaTranslator(context);
        schemas.translateComponents();
        List<Service> services = new OperationTranslator(context, schemas).services();
        return services.get(0).operations().get(0);
    }

    private static String list(String parameters, String response) {
        return """
                paths:
                  /things:
                    get:
                      operationId: listThings
                      parameters: %s
                      responses:
                        '200':
                          description: ok
                %s
                components:
                  schemas:
                    Thing: {type: object, required: [id], properties: {id: {type: string}}}
                """.formatted(parameters, response.indent(10).stripTrailing());
    }

    private static final String ARRAY =
            "content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}}}";

    @Test
    void aLinkHeaderWinsOverAPageParameter() {
        Operation op = only(Descriptions.context(list(
                "[{name: page, in: query, schema: {type: integer}}]",
                "headers: {Link: {schema: {type: string}}}\n" + ARRAY)));

        assertThat(op.paging()).isEqualTo(new Paging.Link(null));
    }

    @Test
    void aCursorParameterAndANextCursorPropertyMakeCursorPages() {
        Operation op = only(Descriptions.context(list(
                "[{name: page_token, in: query, schema: {type: string}}]",
                "content: {application/json: {schema: {type: object, properties: {things: {type: array, items:"
                        + " {type: string}}, nextPageToken: {type: string}}}}}")));

        assertThat(op.paging()).isEqualTo(new Paging.Cursor("things", "pageToken", "nextPageToken"));
    }

    @Test
    void stripesShapeStartsAfterTheLastItemsId() {
        Operation op = only(Descriptions.context(list(
                "[{name: starting_after, in: query, schema: {type: string}}]",
                "content: {application/json: {schema: {type: object, properties: {data: {type: array, items:"
                        + " {$ref: '#/components/schemas/Thing'}}, has_more: {type: boolean}}}}}")));

        assertThat(op.paging()).isEqualTo(new Paging.AfterLastItem("data", "startingAfter", "id", "hasMore"));
    }

    @Test
    void offsetAndPageNumbersNeedIntegers() {
        assertThat(only(Descriptions.context(list("[{name: offset, in: query, schema: {type: integer}}]", ARRAY)))
                        .paging())
                .isEqualTo(new Paging.Offset(null, "offset"));
        assertThat(only(Descriptions.context(list("[{name: page, in: query, schema: {type: integer}}]", ARRAY)))
                        .paging())
                .isEqualTo(new Paging.PageNumber(null, "page"));
        assertThat(only(Descriptions.context(list("[{name: page, in: query, schema: {type: string}}]", ARRAY)))
                        .paging())
                .isNull();
    }

    @Test
    void aResponseWithoutAListIsNotPagedAndTheExtensionCanTurnPagingOff() {
        assertThat(only(Descriptions.context(list(
                                "[{name: offset, in: query, schema: {type: integer}}]",
                                "content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}")))
                        .paging())
                .isNull();
        assertThat(only(Descriptions.context(list("[{name: offset, in: query, schema: {type: integer}}]", ARRAY)
                                .replace(
                                        "operationId: listThings",
                                        "operationId: listThings\n      x-retrospec-pagination: false")))
                        .paging())
                .isNull();
    }

    @Test
    void theExtensionDeclaresWhatTheNamesCannotSayAndAMisfitIsALocatedWarning() {
        String extension = "operationId: listThings\n      x-retrospec-pagination: {style: cursor, parameter: from,"
                + " nextCursor: continueFrom, items: lines}";
        String response = "content: {application/json: {schema: {type: object, properties: {lines: {type: array,"
                + " items: {type: string}}, continueFrom: {type: string}}}}}";
        ModelContext good = Descriptions.context(list("[{name: from, in: query, schema: {type: string}}]", response)
                .replace("operationId: listThings", extension));
        ModelContext bad = Descriptions.context(list("[{name: since, in: query, schema: {type: string}}]", response)
                .replace("operationId: listThings", extension));

        assertThat(only(good).paging()).isEqualTo(new Paging.Cursor("lines", "from", "continueFrom"));
        assertThat(only(bad).paging()).isNull();
        assertThat(bad.problems())
                .extracting(Problem::kind, Problem::pointer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        Problem.Kind.INVALID_EXTENSION, "#/paths/~1things/get/x-retrospec-pagination"));
    }
}
