package dev.jnas.nn.spec;

/**
 * One node of an architecture: a layer, or a composite of layers.
 *
 * <p>Specs are immutable records that validate their own arguments in compact constructors; shape
 * validation against an input happens later, in shape inference. Composites give the three kinds of
 * connection: {@link SequentialSpec} (a chain), {@link ParallelSpec} (branches merged by concat
 * or add) and {@link CellSpec} (a small DAG of summed edge operations). Model builders switch
 * exhaustively over this sealed interface.
 */
public sealed interface LayerSpec permits Conv2dSpec, DenseSpec, MaxPool2dSpec, AvgPool2dSpec, GlobalAvgPoolSpec,
        ActivationSpec, BatchNormSpec, DropoutSpec, FlattenSpec, IdentitySpec, ZeroSpec, SequentialSpec, ParallelSpec, CellSpec {

    /** Short type name used in JSON and in summaries, e.g. {@code conv2d}. */
    String typeName();
}
