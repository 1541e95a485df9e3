package com.anchorhealth.adapter.web;

import java.util.List;

/** Two policy versions and the fields that differ between them. */
public record PolicyComparison(long from, long to, List<PolicyFields.Difference> differences) {
}
