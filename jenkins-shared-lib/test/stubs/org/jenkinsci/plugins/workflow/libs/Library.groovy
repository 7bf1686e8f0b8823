package org.jenkinsci.plugins.workflow.libs

import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy

/**
 * Stand-in for the Pipeline: Shared Groovy Libraries plugin's @Library, so the examples'
 * `@Library('tidegate@v1') _` compiles under plain Groovy in the tests (Jenkins imports it
 * implicitly).
 */
@Retention(RetentionPolicy.SOURCE)
@interface Library {
  String[] value()
}
