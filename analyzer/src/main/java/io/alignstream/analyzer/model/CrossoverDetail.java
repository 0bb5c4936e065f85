package io.alignstream.analyzer.model;

import io.alignstream.analyzer.fit.Crossover;

/**
 * A crossover of DESIGN §5 between two datasets of a family, under the family's alignment-aware fit:
 * the aligned set (A_hi, D_s = its largest D) against a misaligned dataset at A_lo.
 *
 * @param exchangeRateLow bootstrap interval of D_l/D_s (+∞ where resamples say never)
 */
public record CrossoverDetail(String alignedDataset, String misalignedDataset, double alignedAlignment,
    double alignedSize, double misalignedAlignment, Crossover crossover, double exchangeRateLow,
    double exchangeRateHigh) {}
