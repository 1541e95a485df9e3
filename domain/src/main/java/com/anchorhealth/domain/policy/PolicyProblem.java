package com.anchorhealth.domain.policy;

/** One reason a policy cannot be published, naming the field (in the API's field names). */
public record PolicyProblem(String field, String description) {
}
