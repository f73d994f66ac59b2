package dev.homelab.console.migration;

/** What to do with what a failed apply left behind; the user chooses, after reading Helm's own message. */
public enum FailureCleanup {
    /** Return every Helm release the step touched to its previous revision (uninstall releases that were new). */
    ROLLBACK,
    /** Run the step's undo: uninstall what it installed and delete what it created. */
    UNINSTALL,
    /** Leave everything as it is, to look at it (the step stays failed and can be retried or undone later). */
    KEEP
}
