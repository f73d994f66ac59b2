package dev.homelab.console.reboot.timeline;

import java.time.Duration;
import java.time.Instant;

/** One observation on the timeline, with its offset from "reboot requested" (null before the request). */
public record TimelineEvent(Milestone milestone, Instant at, Duration sinceRequest, String detail) {
}
