package com.anchorhealth.application.port.out.policy;

import com.anchorhealth.domain.policy.Policy;

/** Turns a policy into its published document form (JSON) and back. */
public interface PolicyCodec {
    String encode(Policy policy);

    /** Throws {@link IllegalArgumentException} when the document is not a policy. */
    Policy decode(String document);
}
