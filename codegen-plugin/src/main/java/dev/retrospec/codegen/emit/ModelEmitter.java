package dev.retrospec.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.retrospec.codegen.model.TypeDef;
import dev.retrospec.codegen.model.TypeDef.EnumDef;
import dev.retrospec.codegen.model.TypeDef.EnumValue;
import dev.retrospec.codegen.model.TypeDef.ObjectDef;
import dev.retrospec.codegen.model.TypeDef.Property;
import javax.lang.model.element.Modifier;

/** Records for object schemas, enums for enum schemas. */
final class ModelEmitter {
  private final JavaTypes types;
  private final Emitter.Common common;

  ModelEmitter(JavaTypes types, Emitter.Common common) {
    this.types = types;
    this.common = common;
  }

  TypeSpec emit(TypeDef def) {
    if (def instanceof EnumDef enumDef) {
      return enumType(enumDef);
    }
    return record((ObjectDef) def);
  }

  private TypeSpec record(ObjectDef def) {
    TypeSpec.Builder type = TypeSpec.recordBuilder(def.name()).addModifiers(Modifier.PUBLIC);
    common.decorate(type);
    CodeBlock.Builder doc = CodeBlock.builder();
    String description = Docs.paragraphs(def.description());
    if (!description.isEmpty()) {
      doc.add("$L\n", description);
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    boolean first = true;
    for (Property property : def.properties()) {
      ParameterSpec.Builder component = ParameterSpec.builder(
          types.of(property.type(), property.javaNullable()), property.javaName());
      if (!property.javaName().equals(property.wireName())) {
        component.addAnnotation(AnnotationSpec.builder(RuntimeTypes.JSON)
            .addMember("name", "$S", property.wireName())
            .build());
      }
      if (property.deprecated()) {
        component.addAnnotation(Deprecated.class);
      }
      constructor.addParameter(component.build());
      String propertyDoc = propertyDoc(property);
      if (!propertyDoc.isEmpty()) {
        if (first && !description.isEmpty()) {
          doc.add("\n");
        }
        first = false;
        doc.add("@param $L $L\n", property.javaName(), propertyDoc);
      }
    }
    type.recordConstructor(constructor.build());
    if (def.deprecated()) {
      type.addAnnotation(Deprecated.class);
    }
    return type.addJavadoc(doc.build()).build();
  }

  private static String propertyDoc(Property property) {
    StringBuilder doc = new StringBuilder(Docs.inline(property.description()));
    if (property.readOnly()) {
      doc.append(doc.length() > 0 ? " " : "").append("Set by the server; ignored in requests.");
    }
    if (property.writeOnly()) {
      doc.append(doc.length() > 0 ? " " : "").append("Sent in requests; never returned.");
    }
    if (property.deprecated()) {
      doc.append(doc.length() > 0 ? " " : "").append("Deprecated.");
    }
    return doc.toString();
  }

  private TypeSpec enumType(EnumDef def) {
    TypeSpec.Builder type = TypeSpec.enumBuilder(def.name()).addModifiers(Modifier.PUBLIC);
    common.decorate(type);
    String description = Docs.paragraphs(def.description());
    type.addJavadoc("$L", description.isEmpty() ? "" : description + "\n\n<p>");
    type.addJavadoc("Values this client does not know yet read as {@link #$L} instead of failing.\n",
        def.unknownConstant());
    for (EnumValue value : def.values()) {
      type.addEnumConstant(value.javaName(), TypeSpec.anonymousClassBuilder("")
          .addAnnotation(AnnotationSpec.builder(RuntimeTypes.JSON).addMember("name", "$S", value.wireValue()).build())
          .build());
    }
    type.addEnumConstant(def.unknownConstant(), TypeSpec.anonymousClassBuilder("")
        .addJavadoc("A value this version of the client does not know. Never send it.\n")
        .build());
    if (def.deprecated()) {
      type.addAnnotation(Deprecated.class);
    }
    return type.build();
  }
}
