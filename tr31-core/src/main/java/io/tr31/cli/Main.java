package io.tr31.cli;

/** Entry point of the {@code tr31} command line. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(2);
  }
}
