package com.example.client;

import com.example.pets.PetStore;
import com.example.pets.model.Pet;
import com.example.pets.model.PetKind;
import dev.retrospec.runtime.OpenEnum;

/** Compiles only if the client was generated from the jar, the referenced schema file included. */
public final class Use {
  private Use() {}

  public static Pet cat(String name) {
    PetStore.builder().build();
    return new Pet(name, OpenEnum.of(PetKind.CAT));
  }
}
