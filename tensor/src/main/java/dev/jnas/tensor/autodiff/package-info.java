/**
 * Reverse-mode automatic differentiation over {@link dev.jnas.tensor.Tensor}s: a small closed core.
 *
 * <p><b>Model.</b> A {@link dev.jnas.tensor.autodiff.Var} holds a value and (if it requires one) a
 * gradient. Leaves are parameters ({@code Var.parameter}: gradient kept across steps, accumulated until
 * {@code zeroGrad()}) or constants ({@code Var.constant}). Every other Var is produced by a primitive
 * through a {@link dev.jnas.tensor.autodiff.Graph}, which records one backward closure per primitive on
 * a tape. {@code Graph.backward(loss)} seeds d loss = 1 and runs the tape in reverse; gradients from
 * several consumers of one Var simply accumulate (every backward adds, never overwrites).
 * {@code Graph.noGrad()} records nothing (inference). {@code Graph.reset()} returns all intermediate
 * arrays to the graph's size-keyed {@link dev.jnas.tensor.autodiff.BufferPool}; because arrays go back in
 * reverse order of acquisition, the next identical step receives the very same arrays, so a
 * steady-state training step allocates no float arrays.
 *
 * <p><b>The closed set of primitives</b> (one class each, forward and backward side by side):
 * {@link dev.jnas.tensor.autodiff.MatMulOp} (with transposes), {@link dev.jnas.tensor.autodiff.AddOp},
 * {@link dev.jnas.tensor.autodiff.SubOp}, {@link dev.jnas.tensor.autodiff.MulOp},
 * {@link dev.jnas.tensor.autodiff.ScaleOp}, {@link dev.jnas.tensor.autodiff.BiasAddOp} ([N,F]+[F] and
 * [N,C,H,W]+[C]), {@link dev.jnas.tensor.autodiff.ActivationOp} (relu, leaky relu, tanh, sigmoid, gelu),
 * {@link dev.jnas.tensor.autodiff.SoftmaxOp}, {@link dev.jnas.tensor.autodiff.CrossEntropyOp} (fused
 * log-softmax + mean cross-entropy), {@link dev.jnas.tensor.autodiff.SumOp} (sum and mean),
 * {@link dev.jnas.tensor.autodiff.ReshapeOp} (reshape, flatten), {@link dev.jnas.tensor.autodiff.ConcatOp}
 * and {@link dev.jnas.tensor.autodiff.SliceChannelsOp} (concat and split along dimension 1),
 * {@link dev.jnas.tensor.autodiff.BatchNormOp} (train and inference) and
 * {@link dev.jnas.tensor.autodiff.DropoutOp}, {@link dev.jnas.tensor.autodiff.Conv2dOp} (with optional bias),
 * {@link dev.jnas.tensor.autodiff.MaxPool2dOp}, {@link dev.jnas.tensor.autodiff.AvgPool2dOp},
 * {@link dev.jnas.tensor.autodiff.GlobalAvgPoolOp} and {@link dev.jnas.tensor.autodiff.Pad2dOp} (zero padding,
 * for asymmetric {@code same} padding). Int arrays (max-pool arg-max indices) come from
 * {@code g.intBuffer(n)}. Compositions such as a linear layer live in
 * {@link dev.jnas.tensor.autodiff.Composites} and define no backward of their own.
 *
 * <p><b>Adding a primitive</b> (e.g. conv2d, pooling) is one new class {@code XxxOp} with a static
 * {@code Var apply(Graph g, Var... inputs, params)} that
 * <ol>
 *   <li>checks shapes (IllegalArgumentException naming the op and the shapes);</li>
 *   <li>takes its output and any saved arrays with {@code g.buffer(shape)} and runs the forward kernel;</li>
 *   <li>creates the output with {@code g.output(value, g.needsGrad(inputs...))};</li>
 *   <li>calls {@code g.record(out, () -> ...)} with a closure that reads {@code out.grad}, and for each
 *       input that {@code requiresGrad()} accumulates into {@code g.gradOf(input)} (temporaries from
 *       {@code g.scratch(shape)});</li>
 * </ol>
 * then optionally a one-line front-end method on {@code Graph}, a line in this list, and a
 * finite-difference test in {@code PrimitiveGradientTest}. No other file changes.
 *
 * <p>Lifetimes: intermediate values are valid until {@code reset()}; intermediate gradients only
 * during {@code backward()}. Copy out what you need (e.g. the loss value) before resetting.
 */
package dev.jnas.tensor.autodiff;
