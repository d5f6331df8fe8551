/** JMH benchmarks: one class per kernel family, plus end-to-end training benchmarks. */
package dev.jnas.bench;
