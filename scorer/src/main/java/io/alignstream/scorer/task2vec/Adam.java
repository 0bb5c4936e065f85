package io.alignstream.scorer.task2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain Adam (Kingma and Ba 2015; β1 = 0.9, β2 = 0.999, ε = 1e-8) on explicit parameter arrays.
 * Call {@link #step()} after each backward, inside an {@code NDScope} so temporaries are freed; it
 * zeroes the gradients it consumed.
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final NDList parameters;
    private final double learningRate;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private int t;

    Adam(NDManager manager, NDList parameters, double learningRate) {
        this.parameters = parameters;
        this.learningRate = learningRate;
        for (NDArray p : parameters) {
            firstMoments.add(manager.zeros(p.getShape(), p.getDataType()));
            secondMoments.add(manager.zeros(p.getShape(), p.getDataType()));
        }
    }

    void step() {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        Autograd.noGrad(() -> {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray p = parameters.get(i);
                NDArray g = p.getGradient();
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                NDArray denominator = v.div(c2).sqrt().addi(EPS);
                p.subi(m.div(c1).divi(denominator).muli(learningRate));
                g.subi(g);
            }
            return null;
        });
    }
}
