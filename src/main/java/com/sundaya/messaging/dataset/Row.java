package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One analytics row, ready to publish.
 *
 * @param deviceId the device id, used as the message key so one device's rows stay in one partition
 * @param rowKey   {@code <device id>|<pack id or empty>|<time_event>}: the idempotent insert key of every repository
 * @param row      the row's columns in the order of spec §9, plus {@code alarms}
 */
public record Row(String deviceId, String rowKey, ObjectNode row) {
}
