package io.sgstream.bench.verify;

import io.sgstream.local.verify.SourceTargetVerifier;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * source = target after every run: the local runner's verifier (row count and order-independent checksum of every
 * table). A difference is a failed benchmark, never a number to print.
 */
public final class Verification {

    private Verification() {
    }

    /** Thrown when the target differs from the source; the benchmark exits non-zero. */
    public static final class VerificationFailed extends Exception {
        public VerificationFailed(String message) {
            super(message);
        }
    }

    public static SourceTargetVerifier.Report requireIdentical(String what, Connection source, Connection target)
            throws SQLException, VerificationFailed {
        SourceTargetVerifier.Report report = SourceTargetVerifier.compare(source, target, false);
        if (report.tables().isEmpty()) {
            throw new VerificationFailed(what + ": no tables on the source to compare");
        }
        if (!report.identical()) {
            throw new VerificationFailed(what + ": source != target: " + report.differences());
        }
        return report;
    }
}
