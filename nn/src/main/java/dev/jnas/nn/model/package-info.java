/**
 * Models built from architecture specs: {@link dev.jnas.nn.model.Model#build} (validate, build layers, seeded
 * He/Glorot initialisation), forward on an autodiff {@link dev.jnas.tensor.autodiff.Graph}, parameters for the
 * optimisers, state for saving, and {@link dev.jnas.nn.model.ModelFile} (versioned binary format with CRC-32,
 * see {@code docs/model-format.md}). Training lives in {@link dev.jnas.nn.train.Trainer}.
 */
package dev.jnas.nn.model;
