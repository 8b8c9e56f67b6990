package dev.backprop.training;

/**
 * Thrown when a sample's error becomes NaN or infinite, which means the weights have diverged and
 * further training is pointless.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;

    /** Creates the exception for the update that produced a non-finite error. */
    public TrainingDivergedException(int epoch, long step, double error, double learningRate) {
        super("training diverged at epoch " + epoch + ", step " + step + ": the error became " + error
                + "; try a smaller learning_rate than " + learningRate);
        this.epoch = epoch;
        this.step = step;
    }

    private TrainingDivergedException(String message, int epoch, long step, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
        this.step = step;
    }

    /**
     * The same divergence with {@code note} appended to the message after {@code "; "}, such as
     * where the run's last good checkpoint was kept; this exception becomes the cause.
     */
    public TrainingDivergedException withNote(String note) {
        return new TrainingDivergedException(getMessage() + "; " + note, epoch, step, this);
    }

    /** 1-based epoch in which the error stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** The update count at which the error stopped being finite. */
    public long step() {
        return step;
    }
}
