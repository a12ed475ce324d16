package dev.retrospec.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.retrospec.codegen.testing.Goldens;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated unions read and write JSON as the description means it: the polymorphism golden case, compiled. */
class PolymorphismWireTest {
    private static ClassLoader loader;
    private static Moshi moshi;

    @BeforeAll
    static void compile() throws Exception {
        loader = Goldens.load("polymorphism");
        moshi = ((Moshi.Builder) loader.loadClass("com.example.zoo.Zoo")
                        .getMethod("moshiBuilder")
                        .invoke(null))
                .build();
    }

    private static JsonAdapter<Object> adapter(String model) throws ClassNotFoundException {
        return moshi.adapter((java.lang.reflect.Type) loader.loadClass("com.example.zoo.model." + model));
    }

    private static JsonAdapter<List<Object>> listOf(String model) throws ClassNotFoundException {
        return moshi.adapter(
                Types.newParameterizedType(List.class, loader.loadClass("com.example.zoo.model." + model)));
    }

    private static String describe(Object value) {
        return value.getClass().getName().replace("com.example.zoo.model.", "") + " " + value;
    }

    @Test
    void aDiscriminatorWithAMappingPicksTheRecordAndKeepsUnknownKinds() throws Exception {
        String json = "[{\"petType\":\"cat\",\"name\":\"Tom\",\"indoor\":true},{\"petType\":\"dog\",\"name\":\"Rex\"},"
                + "{\"petType\":\"parrot\",\"name\":\"Polly\",\"words\":12}]";

        List<Object> pets = listOf("Pet").fromJson(json);

        assertThat(pets)
                .map(PolymorphismWireTest::describe)
                .containsExactly(
                        "Cat Cat[name=Tom, indoor=true]",
                        "Dog Dog[name=Rex, barks=null]",
                        "Pet$Unknown Unknown[json={\"petType\":\"parrot\",\"name\":\"Polly\",\"words\":12}]");
        assertThat(listOf("Pet").toJson(pets)).isEqualTo(json);
    }

    @Test
    void allOfSubtypesOfADiscriminatorBaseUseTheSchemaNameAsLabel() throws Exception {
        Object car = adapter("Vehicle").fromJson("{\"kind\":\"Car\",\"wheels\":4,\"seats\":5}");
        Object truck = adapter("Vehicle").fromJson("{\"kind\":\"Truck\",\"wheels\":6}");

        assertThat(describe(car)).isEqualTo("Car Car[wheels=4, seats=5]");
        assertThat(describe(truck)).startsWith("Vehicle$Unknown ");
        assertThat(adapter("Vehicle").toJson(car)).isEqualTo("{\"kind\":\"Car\",\"wheels\":4,\"seats\":5}");
    }

    @Test
    void withoutADiscriminatorTheShapeDecides() throws Exception {
        String json = "[{\"radius\":1.5},{\"side\":2.0},\"star\",[1,2,3],{\"sides\":5}]";

        List<Object> shapes = listOf("Shape").fromJson(json);

        assertThat(shapes)
                .map(PolymorphismWireTest::describe)
                .containsExactly(
                        "Circle Circle[radius=1.5]",
                        "Square Square[side=2.0]",
                        "Shape$OfString OfString[value=star]",
                        "Shape$OfLongList OfLongList[value=[1, 2, 3]]",
                        "Shape$Unknown Unknown[json={\"sides\":5}]");
        assertThat(listOf("Shape").toJson(shapes))
                .isEqualTo("[{\"radius\":1.5},{\"side\":2.0},\"star\",[1,2,3]," + "{\"sides\":5}]");
    }

    @Test
    void anInlineAnyOfPropertyIsAUnionToo() throws Exception {
        JsonAdapter<Object> drawings = adapter("Drawing");

        Object plain = drawings.fromJson("{\"label\":\"hello\"}");
        Object rich = drawings.fromJson("{\"label\":{\"text\":\"hi\",\"bold\":true},\"fleet\":[{\"kind\":\"Bike\","
                + "\"wheels\":2,\"electric\":false}]}");

        assertThat(plain.toString()).isEqualTo("Drawing[shapes=null, fleet=null, label=OfString[value=hello]]");
        assertThat(rich.toString())
                .isEqualTo("Drawing[shapes=null, fleet=[Bike[wheels=2, electric=false]],"
                        + " label=DrawingLabelRich[text=hi, bold=true]]");
    }
}
