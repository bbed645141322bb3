# Resource policy "affirming" (coco4j's default): a resource is released only when every
# appraisal in the token (CPU and every device) is "affirming", and never to the sample TEE.
package policy

import rego.v1

default allow := false

allow if {
	count(input.submods) > 0
	every submod in input.submods {
		submod["ear.status"] == "affirming"
		not submod["ear.veraison.annotated-evidence"].sample
	}
}
