package com.anchorhealth.adapter.persistence;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The condition of a listing's score range. */
final class ScoreRange {
    private ScoreRange() {
    }

    /**
     * No condition for the unbounded range: an always-true range would steer H2 to the score index
     * and a sort of the whole table for every page.
     */
    static Condition within(Field<Integer> score, int min, int max) {
        return min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? DSL.noCondition() : score.between(min, max);
    }
}
