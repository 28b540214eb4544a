package io.hookgate.delivery.attempt;

/** What a claimed (or unclaimable) delivery leads to: an attempt to make, or a result without one. */
sealed interface Preparation permits PreparedAttempt, AttemptResult {
}
