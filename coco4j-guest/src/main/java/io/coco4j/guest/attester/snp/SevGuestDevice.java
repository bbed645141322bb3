package io.coco4j.guest.attester.snp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.coco4j.guest.attester.EvidenceException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Extended SNP reports from {@code /dev/sev-guest} through the kernel's {@code SNP_GET_EXT_REPORT}
 * ioctl (used where configfs-tsm is absent). The certificate buffer starts at four pages and grows
 * to what the host asks for when it answers "invalid length".
 */
final class SevGuestDevice {

    /** {@code _IOWR('S', 0x2, struct snp_guest_request_ioctl)}. */
    static final long SNP_GET_EXT_REPORT = 0xC0205302L;
    static final int GUEST_REQUEST_LENGTH = 32;
    static final int EXT_REPORT_REQUEST_LENGTH = 112;
    static final int REPORT_RESPONSE_LENGTH = 4000;
    static final int REPORT_LENGTH = 1184;
    static final int PAGE = 4096;
    /** {@code SNP_GUEST_VMM_ERR_INVALID_LEN}: the certificate buffer is too small; its needed size was written back. */
    static final int VMM_ERROR_INVALID_LENGTH = 1;
    private static final int O_RDWR = 2;
    private static final int MAX_CERTIFICATE_BYTES = 64 * PAGE;

    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;
    }

    record ExtendedReport(byte[] report, Optional<byte[]> certificateTable) {
    }

    private SevGuestDevice() {
    }

    static ExtendedReport extendedReport(Path device, byte[] reportData, int vmpl) throws EvidenceException {
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            throw new EvidenceException("cannot load the C library to talk to " + device + ": " + e.getMessage());
        }
        int fd;
        try {
            fd = libc.open(device.toString(), O_RDWR);
        } catch (LastErrorException e) {
            throw new EvidenceException("cannot open " + device + " (errno " + e.getErrorCode() + ")");
        }
        try {
            int certificateLength = 4 * PAGE;
            while (true) {
                try (Memory request = new Memory(EXT_REPORT_REQUEST_LENGTH);
                     Memory response = new Memory(REPORT_RESPONSE_LENGTH);
                     Memory certificates = new Memory(certificateLength);
                     Memory guestRequest = new Memory(GUEST_REQUEST_LENGTH)) {
                    request.clear();
                    response.clear();
                    certificates.clear();
                    guestRequest.clear();
                    request.write(0, extReportRequest(reportData, vmpl, Pointer.nativeValue(certificates), certificateLength), 0,
                            EXT_REPORT_REQUEST_LENGTH);
                    guestRequest.write(0, guestRequest(Pointer.nativeValue(request), Pointer.nativeValue(response)), 0, GUEST_REQUEST_LENGTH);
                    try {
                        libc.ioctl(fd, new NativeLong(SNP_GET_EXT_REPORT), guestRequest);
                    } catch (LastErrorException e) {
                        int vmmError = guestRequest.getInt(28);
                        if (vmmError == VMM_ERROR_INVALID_LENGTH) {
                            int needed = request.getInt(104);
                            if (needed <= certificateLength || needed > MAX_CERTIFICATE_BYTES) {
                                throw new EvidenceException("the host asks for an unusable certificate buffer of " + needed + " bytes");
                            }
                            certificateLength = (needed + PAGE - 1) / PAGE * PAGE;
                            continue;
                        }
                        throw new EvidenceException("SNP_GET_EXT_REPORT failed (errno " + e.getErrorCode() + ", firmware error "
                                + guestRequest.getInt(24) + ", host error " + vmmError + ")");
                    }
                    byte[] report = reportFromResponse(response.getByteArray(0, REPORT_RESPONSE_LENGTH));
                    byte[] table = certificates.getByteArray(0, certificateLength);
                    boolean empty = true;
                    for (int i = 0; i < 24 && empty; i++) {
                        empty = table[i] == 0;
                    }
                    return new ExtendedReport(report, empty ? Optional.empty() : Optional.of(table));
                }
            }
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException e) {
                // the report is already read
            }
        }
    }

    /** {@code struct snp_ext_report_req}: {@code snp_report_req} (user data, VMPL, reserved), certificate address and length. */
    static byte[] extReportRequest(byte[] reportData, int vmpl, long certificatesAddress, int certificatesLength) {
        ByteBuffer out = ByteBuffer.allocate(EXT_REPORT_REQUEST_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        out.put(Arrays.copyOf(reportData, 64));
        out.putInt(64, vmpl);
        out.putLong(96, certificatesAddress);
        out.putInt(104, certificatesLength);
        return out.array();
    }

    /** {@code struct snp_guest_request_ioctl}: message version 1, request and response addresses. */
    static byte[] guestRequest(long requestAddress, long responseAddress) {
        ByteBuffer out = ByteBuffer.allocate(GUEST_REQUEST_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, (byte) 1);
        out.putLong(8, requestAddress);
        out.putLong(16, responseAddress);
        return out.array();
    }

    /** {@code MSG_REPORT_RSP}: status, report size, 24 reserved bytes, then the report. */
    static byte[] reportFromResponse(byte[] response) throws EvidenceException {
        ByteBuffer in = ByteBuffer.wrap(response).order(ByteOrder.LITTLE_ENDIAN);
        int status = in.getInt(0);
        int size = in.getInt(4);
        if (status != 0) {
            throw new EvidenceException("the SNP firmware refused the report request (status " + status + ")");
        }
        if (size < REPORT_LENGTH || size > response.length - 32) {
            throw new EvidenceException("the SNP firmware returned a report of " + size + " bytes");
        }
        return Arrays.copyOfRange(response, 32, 32 + size);
    }
}
