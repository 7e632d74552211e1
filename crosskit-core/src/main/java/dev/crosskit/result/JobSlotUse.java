package dev.crosskit.result;

import java.util.List;

/**
 * A stretch of time in which a step's process held job slots (the {@code --jobs} a run shares
 * across its targets): the timeline draws each on its slots' lanes.
 *
 * @param slots the slots held, numbered from 1 (a build running several compile jobs holds several)
 * @param start seconds after the run started
 * @param seconds how long they were held
 */
public record JobSlotUse(List<Integer> slots, double start, double seconds) {
  public JobSlotUse {
    slots = List.copyOf(slots);
  }
}
