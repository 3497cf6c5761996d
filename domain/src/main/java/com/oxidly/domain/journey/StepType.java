package com.oxidly.domain.journey;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The JSON type name of a step, readable without a JSON library. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface StepType {
  String value();
}
