/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks command-line code that calls JDK methods absent on Android API 26: the build's Android
 * check (animal-sniffer, {@code tr31-core/pom.xml}) skips what carries it. The command line runs
 * on a JDK only and ships in the {@code -cli} jar alone; the library cannot use this escape hatch,
 * since the type is package-private to {@code io.tr31.cli}.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
@interface JdkOnly {}
