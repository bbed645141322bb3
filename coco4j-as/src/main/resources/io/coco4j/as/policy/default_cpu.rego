# coco4j default attestation policy for CPU evidence (policy id "default_cpu").
#
# Input: the annotated evidence of one submod, e.g. {"snp": {...claims...}, "report_data": ...,
# "runtime_data_claims": ..., "init_data_claims": ...}. Reference values come from the RVPS
# through query_reference_value(name); a missing value is null and never matches.
#
# Output: trust_claims (AR4SI trustworthiness vector) and extensions (EAR submod members).
# Values: executables 3 = approved boot executables, 33 = unrecognised; hardware 2 = genuine and
# supported, 97 = unrecognised; configuration 2 = approved, 3 = no known vulnerable setting,
# 36 = security-relevant configuration unavailable.
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

# A claim value is acceptable when it is one of the reference values stored under `name`.
accepted(value, name) if value in query_reference_value(name)

# ---- sample (test TEE; the KBS accepts it only in development mode) ----

executables := 3 if {
	input.sample
	accepted(input.sample.launch_digest, "launch_digest")
}

hardware := 2 if {
	input.sample
	accepted(input.sample.svn, "svn")
	input.sample.platform_version.major == query_reference_value("major_version")
	input.sample.platform_version.minor >= query_reference_value("minimum_minor_version")
}

configuration := 2 if {
	input.sample
	input.sample.debug == false
}

# ---- AMD SEV-SNP ----

executables := 3 if {
	input.snp
	accepted(input.snp.measurement, "snp_launch_measurement")
}

hardware := 2 if {
	input.snp
	accepted(input.snp.reported_tcb_bootloader, "snp_bootloader")
	accepted(input.snp.reported_tcb_microcode, "snp_microcode")
	accepted(input.snp.reported_tcb_snp, "snp_snp_svn")
	accepted(input.snp.reported_tcb_tee, "snp_tee_svn")
}

configuration := 2 if {
	snp_guest_locked_down
	input.snp.platform_smt_enabled == query_reference_value("snp_smt_enabled")
	input.snp.platform_tsme_enabled == query_reference_value("snp_tsme_enabled")
	input.snp.policy_abi_major == query_reference_value("snp_guest_abi_major")
	input.snp.policy_abi_minor == query_reference_value("snp_guest_abi_minor")
	input.snp.policy_single_socket == query_reference_value("snp_single_socket")
	input.snp.policy_smt_allowed == query_reference_value("snp_smt_allowed")
} else := 3 if {
	snp_guest_locked_down
}

# No debugger and no migration agent may reach the guest.
snp_guest_locked_down if {
	input.snp
	input.snp.policy_debug_allowed == false
	input.snp.policy_migrate_ma == false
}

# ---- Intel TDX ----

executables := 3 if {
	tdx_boot_measured
	tdx_event_digest_matches("EV_EFI_BOOT_SERVICES_APPLICATION", "tdvfkernel")
	tdx_loaded_image_options_match
} else := 4 if {
	# boots that do not log the kernel as an EFI application (e.g. through GRUB)
	tdx_boot_measured
}

tdx_boot_measured if {
	input.tdx
	accepted(input.tdx.quote.body.rtmr_1, "rtmr_1")
	accepted(input.tdx.quote.body.rtmr_2, "rtmr_2")
}

tdx_event_digest_matches(event_type, name) if {
	some event in input.tdx.uefi_event_logs
	event.type_name == event_type
	"File(kernel)" in event.details.device_paths
	some digest in event.digests
	digest.digest == query_reference_value(name)
}

tdx_loaded_image_options_match if {
	some event in input.tdx.uefi_event_logs
	event.type_name == "EV_EVENT_TAG"
	event.details.string == "LOADED_IMAGE::LoadOptions"
	some digest in event.digests
	digest.digest == query_reference_value("tdvfkernelparams")
}

hardware := 2 if {
	input.tdx
	intel_td_quote(input.tdx.quote)
	accepted(input.tdx.quote.body.mr_td, "mr_td")
	input.tdx.tcb_status == "UpToDate"
	input.tdx.collateral_expiration_status == "0"
}

configuration := 2 if {
	input.tdx
	input.tdx.td_attributes.debug == false
	accepted(input.tdx.quote.body.xfam, "xfam")
}

# A TD quote (TEE type 0x81) from Intel's quoting enclave.
intel_td_quote(quote) if {
	quote.header.tee_type == "81000000"
	quote.header.vendor_id == "939a7233f79c4ca9940a0db3957f0607"
}

# ---- Azure confidential VM, SEV-SNP with vTPM ----

executables := 3 if {
	claims := input["az-snp-vtpm"]
	accepted(claims.measurement, "measurement")
	accepted(claims.tpm.pcr11, "snp_pcr11")
}

hardware := 2 if {
	claims := input["az-snp-vtpm"]
	accepted(claims.reported_tcb_bootloader, "tcb_bootloader")
	accepted(claims.reported_tcb_microcode, "tcb_microcode")
	accepted(claims.reported_tcb_snp, "tcb_snp")
	accepted(claims.reported_tcb_tee, "tcb_tee")
}

configuration := 2 if {
	claims := input["az-snp-vtpm"]
	accepted(claims.platform_smt_enabled, "smt_enabled")
	accepted(claims.platform_tsme_enabled, "tsme_enabled")
	accepted(claims.policy_abi_major, "abi_major")
	accepted(claims.policy_abi_minor, "abi_minor")
	accepted(claims.policy_single_socket, "single_socket")
	accepted(claims.policy_smt_allowed, "smt_allowed")
}

# ---- Azure confidential VM, TDX with vTPM ----

executables := 3 if {
	claims := input["az-tdx-vtpm"]
	accepted(claims.tpm.pcr11, "tdx_pcr11")
}

hardware := 2 if {
	claims := input["az-tdx-vtpm"]
	intel_td_quote(claims.quote)
	accepted(claims.quote.body.mr_td, "mr_td")
	claims.tcb_status == "UpToDate"
}

configuration := 2 if {
	claims := input["az-tdx-vtpm"]
	accepted(claims.quote.body.xfam, "xfam")
}

# ---- TPM ----

hardware := 2 if input.tpm

executables := 3 if {
	input.tpm
	accepted(input.tpm.pcr11, "tpm_pcr11")
	accepted(input.tpm.ak_public, "trusted_aks")
}

configuration := 0 if input.tpm

# ---- Arm CCA (local verification: CPAK, RAK and their binding checked by the verifier) ----

hardware := 2 if input.cca

executables := 3 if {
	input.cca
	accepted(input.cca.realm["cca-realm-initial-measurement"], "cca.realm.cca-realm-initial-measurement")
}

# The platform is in the PSA "secured" lifecycle state (0x3000-0x30ff): no debug, provisioned.
configuration := 2 if {
	lifecycle := input.cca.platform["cca-platform-lifecycle"]
	lifecycle >= 12288
	lifecycle <= 12543
}

# ---- IBM Secure Execution: the verifier checks everything, the policy trusts it ----

executables := 3 if input.se

hardware := 2 if input.se

configuration := 2 if input.se

# ---- extensions ----

# ear.trustee.identifiers: workload identities from the Kata agent policy in the init-data,
# bound to the hardware evidence through the init-data digest.
extensions := [{
	"name": "ear.trustee.identifiers",
	"key": -18,
	"value": {"validated": object.union_n([images_identifier, uids_identifier])},
}]

agent_containers := input.init_data_claims.agent_policy_claims.containers

container_images := [image |
	some container in agent_containers
	image := container.OCI.Annotations["io.kubernetes.cri.image-name"]
]

container_uids := [uid |
	some container in agent_containers
	uid := container.OCI.Process.User.UID
]

images_identifier := {"container_images": container_images} if count(container_images) > 0

else := {}

uids_identifier := {"container_uids": container_uids} if count(container_uids) > 0

else := {}
