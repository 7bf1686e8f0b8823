package com.cloudbees.groovy.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * Stand-in for groovy-cps's @NonCPS (which Jenkins provides), so the library compiles under
 * plain Groovy in the tests. In Jenkins it makes a method run natively instead of through the
 * CPS engine: the library's parsing and validation helpers are marked with it and call no steps.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.METHOD, ElementType.CONSTRUCTOR])
@interface NonCPS {}
