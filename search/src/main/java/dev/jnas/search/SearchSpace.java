package dev.jnas.search;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A validated search space: what can be searched, how big it is, and how a {@link Genome} decodes.
 *
 * <p>Genome decision names: globals by their name, {@code <stage>.count}, {@code <stage>.<i>.<decision>}
 * for slot {@code i}, and {@code train.<decision>}. A decision is active when its stage slot exists
 * ({@code i < count}) and its conditions hold; only active decisions matter.
 *
 * <p><b>Size</b> is the number of distinct genomes counted over active decisions only (two genomes that
 * differ only in inactive decisions count once), ignoring the constraints:
 * {@code |globals| * prod over stages of sum over counts n of |slot|^n * |training|}, where a group's
 * size is its number of distinct active assignments. {@link #genomeAt} numbers exactly these genomes.
 *
 * <p>Typical use: build from a {@link SpaceDefinition} (JSON) or {@link #builder}, then
 * {@link #sample}, {@link Operators}, {@link #isFeasible}, {@link #decode}, {@link #key}, {@link #trainingChoice}.
 */
public final class SearchSpace {
    static final String TRAIN_PREFIX = "train.";
    private static final Set<String> ARCHITECTURE_GLOBALS = Set.of("reduction");

    private final SpaceDefinition definition;
    private final DecisionGroup globals;
    private final DecisionGroup training;
    private final List<DecisionGroup> slots = new ArrayList<>();
    private final BigInteger[] stageSizes;
    private final BigInteger size;
    private final Map<String, Decision> byName = new LinkedHashMap<>();
    private final GenomeEncoding encoding;

    /** Validates {@code definition}; errors name the stage or decision at fault. */
    public SearchSpace(SpaceDefinition definition) {
        this(definition, null);
    }

    /**
     * A space whose genomes are keyed and decoded by {@code encoding} (null: the layer-stage decoder).
     * With an encoding the definition must have no input (its decisions are generic; the encoding knows
     * what they mean) and no constraints (every genome is feasible). See {@link SearchSpaces#nasBench201}.
     */
    public SearchSpace(SpaceDefinition definition, GenomeEncoding encoding) {
        this.definition = definition;
        this.encoding = encoding;
        if (encoding != null && (definition.input() != null || !definition.constraints().equals(Constraints.NONE))) {
            throw new IllegalArgumentException("space '" + definition.name()
                    + "': a space with a genome encoding takes neither an input nor constraints");
        }
        globals = new DecisionGroup("space '" + definition.name() + "' globals", definition.globals());
        training = new DecisionGroup("space '" + definition.name() + "' training", definition.training());
        definition.globals().forEach(d -> put(d.name(), d));
        Set<String> stageNames = new LinkedHashSet<>();
        boolean seenClassifier = false;
        stageSizes = new BigInteger[definition.stages().size()];
        for (int k = 0; k < definition.stages().size(); k++) {
            Stage s = definition.stages().get(k);
            if (!stageNames.add(s.name()) || s.name().equals("train") || byName.containsKey(s.name())) {
                throw new IllegalArgumentException("space '" + definition.name() + "': stage name '" + s.name() + "' is used twice");
            }
            if (definition.input() != null) {
                if (s.kind() == Stage.Kind.GENERIC) {
                    throw new IllegalArgumentException("space '" + definition.name() + "': stage '" + s.name()
                            + "' is generic, but a space with an input decodes stages into layers (use features or classifier)");
                }
                if (s.kind() == Stage.Kind.FEATURES && seenClassifier) {
                    throw new IllegalArgumentException("space '" + definition.name() + "': features stage '" + s.name()
                            + "' follows a classifier stage; dense layers cannot feed convolutions");
                }
                seenClassifier |= s.kind() == Stage.Kind.CLASSIFIER;
            }
            DecisionGroup g = new DecisionGroup("stage '" + s.name() + "'", s.decisions());
            slots.add(g);
            put(s.name() + ".count", Decision.range("count", s.minCount(), s.maxCount()));
            for (int i = 0; i < s.maxCount(); i++) {
                for (Decision d : s.decisions()) {
                    put(s.name() + "." + i + "." + d.name(), d);
                }
            }
            BigInteger sum = BigInteger.ZERO;
            for (int n = s.minCount(); n <= s.maxCount(); n++) {
                sum = sum.add(g.size().pow(n));
            }
            stageSizes[k] = sum;
        }
        definition.training().forEach(d -> put(TRAIN_PREFIX + d.name(), d));
        if (definition.input() != null) {
            for (Decision d : definition.globals()) {
                if (!ARCHITECTURE_GLOBALS.contains(d.name())) {
                    throw new IllegalArgumentException("space '" + definition.name() + "': global decision '" + d.name()
                            + "' has no meaning for the decoder; expected one of " + ARCHITECTURE_GLOBALS
                            + " (training settings go under \"training\")");
                }
                for (Object v : d.choices()) {
                    if (!v.equals("flatten") && !v.equals("global_avg_pool")) {
                        throw new IllegalArgumentException("space '" + definition.name() + "': global 'reduction' has choice "
                                + v + "; expected flatten or global_avg_pool");
                    }
                }
            }
        }
        BigInteger total = globals.size().multiply(training.size());
        for (BigInteger s : stageSizes) {
            total = total.multiply(s);
        }
        size = total;
    }

    private void put(String name, Decision d) {
        if (byName.put(name, d) != null) {
            throw new IllegalArgumentException("space '" + definition.name() + "': decision '" + name + "' is defined twice");
        }
    }

    /** A builder for spaces defined in Java. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public SpaceDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public Constraints constraints() {
        return definition.constraints();
    }

    /** True when the space has an input or an encoding and so decodes genomes into architectures. */
    public boolean isDecodable() {
        return definition.input() != null || encoding != null;
    }

    /** The genome encoding, or null for a layer-stage space. */
    public GenomeEncoding encoding() {
        return encoding;
    }

    /** Every genome decision name, in space order. */
    public List<String> decisionNames() {
        return List.copyOf(byName.keySet());
    }

    /** The decision behind a genome name. */
    public Decision decision(String genomeName) {
        Decision d = byName.get(genomeName);
        if (d == null) {
            throw new IllegalArgumentException("space '" + name() + "': no decision '" + genomeName + "'");
        }
        return d;
    }

    /** Exact number of distinct genomes over active decisions (constraints not applied). */
    public BigInteger size() {
        return size;
    }

    /** log10 of {@link #size()}, for spaces too big to print. */
    public double log10Size() {
        return BigMath.log10(size);
    }

    // ---- genome <-> index ------------------------------------------------------------------

    /** The genome numbered {@code index} in {@code [0, size)}; inactive decisions are 0. */
    public Genome genomeAt(BigInteger index) {
        if (index.signum() < 0 || index.compareTo(size) >= 0) {
            throw new IllegalArgumentException("genomeAt: index " + index + " outside [0, " + size + ")");
        }
        Map<String, Integer> out = new TreeMap<>();
        BigInteger[] qr = index.divideAndRemainder(training.size());
        putGroup(out, "", definition.globals(), globals.assignmentAt(qr[0].mod(globals.size())));
        putGroup(out, TRAIN_PREFIX, definition.training(), training.assignmentAt(qr[1]));
        BigInteger rest = qr[0].divide(globals.size());
        for (int k = definition.stages().size() - 1; k >= 0; k--) {
            BigInteger[] sq = rest.divideAndRemainder(stageSizes[k]);
            rest = sq[0];
            putStage(out, k, sq[1]);
        }
        return new Genome(out);
    }

    private void putStage(Map<String, Integer> out, int k, BigInteger r) {
        Stage s = definition.stages().get(k);
        DecisionGroup g = slots.get(k);
        int n = s.minCount();
        while (r.compareTo(g.size().pow(n)) >= 0) {
            r = r.subtract(g.size().pow(n));
            n++;
        }
        out.put(s.name() + ".count", n - s.minCount());
        int[] zeros = new int[s.decisions().size()];
        for (int i = s.maxCount() - 1; i >= 0; i--) {
            if (i >= n) {
                putGroup(out, s.name() + "." + i + ".", s.decisions(), zeros);
            } else {
                BigInteger[] qr = r.divideAndRemainder(g.size());
                r = qr[0];
                putGroup(out, s.name() + "." + i + ".", s.decisions(), g.assignmentAt(qr[1]));
            }
        }
    }

    private static void putGroup(Map<String, Integer> out, String prefix, List<Decision> ds, int[] values) {
        for (int j = 0; j < ds.size(); j++) {
            out.put(prefix + ds.get(j).name(), values[j]);
        }
    }

    /** The number of {@code g}'s active part; equal for genomes differing only in inactive decisions. */
    public BigInteger indexOf(Genome g) {
        validate(g);
        BigInteger rest = BigInteger.ZERO;
        for (int k = 0; k < definition.stages().size(); k++) {
            Stage s = definition.stages().get(k);
            DecisionGroup grp = slots.get(k);
            int n = count(g, k);
            BigInteger r = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                r = r.multiply(grp.size()).add(grp.indexOf(slotValues(g, k, i)));
            }
            for (int m = s.minCount(); m < n; m++) {
                r = r.add(grp.size().pow(m));
            }
            rest = rest.multiply(stageSizes[k]).add(r);
        }
        BigInteger gi = globals.indexOf(groupValues(g, "", definition.globals()));
        BigInteger ti = training.indexOf(groupValues(g, TRAIN_PREFIX, definition.training()));
        return rest.multiply(globals.size()).add(gi).multiply(training.size()).add(ti);
    }

    /** {@code g} with every inactive decision set to 0. */
    public Genome canonical(Genome g) {
        return genomeAt(indexOf(g));
    }

    /** Throws unless {@code g} names exactly this space's decisions with in-range choice indexes. */
    public void validate(Genome g) {
        for (Map.Entry<String, Decision> e : byName.entrySet()) {
            Integer v = g.values().get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("genome for space '" + name() + "': missing decision '" + e.getKey() + "'");
            }
            if (v >= e.getValue().size()) {
                throw new IllegalArgumentException("genome for space '" + name() + "': '" + e.getKey() + "' = " + v
                        + " outside [0, " + e.getValue().size() + ")");
            }
        }
        if (g.values().size() != byName.size()) {
            for (String k : g.values().keySet()) {
                if (!byName.containsKey(k)) {
                    throw new IllegalArgumentException("genome for space '" + name() + "': unknown decision '" + k + "'");
                }
            }
        }
    }

    // ---- structure access ----------------------------------------------------------------

    /** Number of stages. */
    public int stageCount() {
        return definition.stages().size();
    }

    /** Stage {@code k}. */
    public Stage stage(int k) {
        return definition.stages().get(k);
    }

    /** Number of active slots of stage {@code k} in {@code g}. */
    public int count(Genome g, int k) {
        Stage s = definition.stages().get(k);
        return s.minCount() + g.get(s.name() + ".count");
    }

    int[] slotValues(Genome g, int k, int i) {
        Stage s = definition.stages().get(k);
        return groupValues(g, s.name() + "." + i + ".", s.decisions());
    }

    private static int[] groupValues(Genome g, String prefix, List<Decision> ds) {
        int[] v = new int[ds.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = g.get(prefix + ds.get(j).name());
        }
        return v;
    }

    /** Decisions of slot {@code i} of stage {@code k} that are active given that slot's values. */
    boolean[] slotActive(Genome g, int k, int i) {
        return slots.get(k).active(slotValues(g, k, i));
    }

    DecisionGroup slotGroup(int k) {
        return slots.get(k);
    }

    DecisionGroup globalGroup() {
        return globals;
    }

    DecisionGroup trainingGroup() {
        return training;
    }

    /** The active decision names of {@code g}, in space order. */
    public List<String> activeNames(Genome g) {
        validate(g);
        List<String> out = new ArrayList<>();
        addActive(out, "", definition.globals(), globals.active(groupValues(g, "", definition.globals())));
        for (int k = 0; k < stageCount(); k++) {
            Stage s = stage(k);
            out.add(s.name() + ".count");
            for (int i = 0; i < count(g, k); i++) {
                addActive(out, s.name() + "." + i + ".", s.decisions(), slotActive(g, k, i));
            }
        }
        addActive(out, TRAIN_PREFIX, definition.training(), training.active(groupValues(g, TRAIN_PREFIX, definition.training())));
        return out;
    }

    private static void addActive(List<String> out, String prefix, List<Decision> ds, boolean[] active) {
        for (int j = 0; j < ds.size(); j++) {
            if (active[j]) {
                out.add(prefix + ds.get(j).name());
            }
        }
    }

    /** The value (not index) of a decision in {@code g}. */
    public Object value(Genome g, String name) {
        return decision(name).value(g.get(name));
    }

    // ---- sampling, decoding, keys ----------------------------------------------------------

    /** A uniformly random genome over active decisions, ignoring constraints; inactive decisions random too. */
    public Genome sampleUnconstrained(SplittableRandom rng) {
        Genome g = genomeAt(BigMath.randomBelow(size, rng));
        Map<String, Integer> out = new TreeMap<>(g.values());
        Set<String> active = new LinkedHashSet<>(activeNames(g));
        for (String n : byName.keySet()) {
            if (!active.contains(n)) {
                out.put(n, rng.nextInt(byName.get(n).size()));
            }
        }
        return new Genome(out);
    }

    /** Uniform sampling restricted to feasible genomes (rejection); fails clearly when constraints are too tight. */
    public Genome sample(SplittableRandom rng) {
        for (int attempt = 0; attempt < Operators.MAX_ATTEMPTS; attempt++) {
            Genome g = sampleUnconstrained(rng);
            if (isFeasible(g)) {
                return g;
            }
        }
        throw new IllegalStateException("sample: no feasible genome in " + Operators.MAX_ATTEMPTS
                + " draws from space '" + name() + "'; constraints " + constraints() + " are too tight");
    }

    /** Decodes {@code g} into an architecture with its cost and constraint verdict; needs an input. */
    public DecodeResult decode(Genome g) {
        if (!isDecodable()) {
            throw new IllegalStateException("decode: space '" + name() + "' has no input, so it has no architectures");
        }
        validate(g);
        return encoding != null ? encoding.decode(this, g) : ArchitectureDecoder.decode(this, definition.input(), g);
    }

    /** True when {@code g} may be trained: it decodes and meets the constraints (always true without an input). */
    public boolean isFeasible(Genome g) {
        return !isDecodable() || encoding != null ? validated(g) : decode(g).feasible();
    }

    private boolean validated(Genome g) {
        validate(g);
        return true;
    }

    /** {@link #key} of {@code g}, or null when {@code g} is not feasible (decodes once). */
    public String keyIfFeasible(Genome g) {
        if (!isDecodable() || encoding != null) {
            return key(g);
        }
        DecodeResult r = decode(g);
        return r.feasible() ? keyOf(r, g) : null;
    }

    /** The training decisions of {@code g} (active ones), for the engine. */
    public TrainingChoice trainingChoice(Genome g) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : activeNames(g)) {
            if (n.startsWith(TRAIN_PREFIX)) {
                out.put(n.substring(TRAIN_PREFIX.length()), value(g, n));
            }
        }
        return new TrainingChoice(out);
    }

    /**
     * A canonical key: equal for genomes that decode to the same architecture with the same active
     * training decisions (for spaces without input: the same active decisions). A hex SHA-256 prefix;
     * with an encoding, whatever {@link GenomeEncoding#key} gives (no decoding).
     */
    public String key(Genome g) {
        if (encoding != null) {
            validate(g);
            return encoding.key(this, g);
        }
        return isDecodable() ? keyOf(decode(g), g) : hash(activeText(g));
    }

    private String keyOf(DecodeResult r, Genome g) {
        return hash(r.spec().toString() + "|" + trainingChoice(g).values());
    }

    private String activeText(Genome g) {
        StringBuilder sb = new StringBuilder();
        for (String n : activeNames(g)) {
            sb.append(n).append('=').append(value(g, n)).append(';');
        }
        return sb.toString();
    }

    private static String hash(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("key: SHA-256 unavailable", e);
        }
    }

    /** A human-readable listing: decisions with choices and conditions, and the size. */
    public String describe() {
        return SpaceDescription.describe(this);
    }

    /** The active decisions of {@code g} as {@code name=value} pairs. */
    public String describe(Genome g) {
        StringBuilder sb = new StringBuilder();
        for (String n : activeNames(g)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n).append('=').append(value(g, n));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "SearchSpace[" + name() + ", size=" + size + "]";
    }

    /** Builds a {@link SpaceDefinition} in Java; call order free, {@link #build()} last. */
    public static final class Builder {
        private final String name;
        private InputShape input;
        private Constraints constraints = Constraints.NONE;
        private final List<Decision> globals = new ArrayList<>();
        private final List<Stage> stages = new ArrayList<>();
        private final List<Decision> training = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder input(int channels, int height, int width, int classes) {
            input = new InputShape(channels, height, width, classes);
            return this;
        }

        public Builder constraints(long maxParameters, long maxFlops) {
            constraints = new Constraints(maxParameters, maxFlops);
            return this;
        }

        public Builder global(Decision... ds) {
            globals.addAll(Arrays.asList(ds));
            return this;
        }

        public Builder stage(Stage s) {
            stages.add(s);
            return this;
        }

        public Builder training(Decision... ds) {
            training.addAll(Arrays.asList(ds));
            return this;
        }

        public SpaceDefinition definition() {
            return new SpaceDefinition(name, input, constraints, Collections.unmodifiableList(globals), stages, training);
        }

        public SearchSpace build() {
            return new SearchSpace(definition());
        }
    }
}
