package com.anchorhealth.adapter.web;

import com.anchorhealth.application.policy.SimulatePolicy;

import java.util.List;

/** What simulating a candidate found, its chart of tier moves, and how it differs from the policy in force. */
public record PolicySimulation(SimulatePolicy.Report report, Charts.BarChart chart,
                               List<PolicyFields.Difference> changes) {
}
