# coco4j default attestation policy for GPU evidence (policy id "default_gpu").
#
# Input: the annotated evidence of one GPU submod ({"nvidia": {...}} or {"sampledevice": {...}}).
# Reference values come from the RVPS through query_reference_value(name).
package policy

import rego.v1

default executables := 33

default hardware := 97

default configuration := 36

trust_claims := {
	"executables": executables,
	"hardware": hardware,
	"configuration": configuration,
	"file-system": 0,
	"instance-identity": 0,
	"runtime-opaque": 0,
	"storage-opaque": 0,
	"sourced-data": 0,
}

# ---- sampledevice (test device; development mode only) ----

hardware := 2 if {
	input.sampledevice
	input.sampledevice.svn in query_reference_value("device_svn")
}

# ---- NVIDIA GPU ----

hardware := 2 if {
	gpu := input.nvidia
	chain := gpu.x_nvidia_gpu_attestation_report_cert_chain
	chain.x_nvidia_cert_ocsp_status == "good"
	chain.x_nvidia_cert_status == "valid"
	gpu.x_nvidia_gpu_attestation_report_cert_chain_fwid_match
	gpu.x_nvidia_gpu_attestation_report_parsed
	gpu.x_nvidia_gpu_attestation_report_signature_verified
	gpu.x_nvidia_gpu_arch_check
}

configuration := 2 if {
	gpu_locked_down
	input.nvidia.x_nvidia_gpu_vbios_version in query_reference_value("allowed_vbios_versions")
	input.nvidia.x_nvidia_gpu_driver_version in query_reference_value("allowed_driver_versions")
} else := 3 if {
	gpu_locked_down
}

# Secure boot on and the debug interface off.
gpu_locked_down if {
	input.nvidia.secboot
	input.nvidia.dbgstat == "disabled"
}

executables := 3 if {
	gpu := input.nvidia
	rim_chain := gpu.x_nvidia_gpu_vbios_rim_cert_chain
	rim_chain.x_nvidia_cert_ocsp_status == "good"
	rim_chain.x_nvidia_cert_status == "valid"
	every check in rim_checks {
		gpu[check] == true
	}
	gpu.measres
}

rim_checks := [sprintf("x_nvidia_gpu_%s_rim_%s", [component, step]) |
	some component in ["driver", "vbios"]
	some step in ["fetched", "measurements_available", "schema_validated", "signature_verified", "version_match"]
]
