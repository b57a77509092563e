-- cacifo: the locker's MariaDB schema (MariaDB 10.6+).
-- Idempotent: loading it again creates what is missing and changes or drops nothing.
-- All DATETIME values are UTC (the kit sets time_zone = '+00:00' on every connection).

CREATE TABLE IF NOT EXISTS users (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  username    VARCHAR(64)  NOT NULL,
  full_name   VARCHAR(128) NULL,
  email       VARCHAR(254) NULL,
  role        ENUM('SYSTEM','OPERATOR','COURIER','CUSTOMER') NOT NULL DEFAULT 'CUSTOMER',
  created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The system user owns parcels the back-end creates without naming a customer.
INSERT IGNORE INTO users (id, username, full_name, role) VALUES (1, 'system', 'Locker system', 'SYSTEM');

CREATE TABLE IF NOT EXISTS partners (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  name           VARCHAR(128) NOT NULL,
  contact_email  VARCHAR(254) NULL,
  created_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uq_partners_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A door's id is its number on the lock board, so it is given, not generated.
-- out_of_service_reason says why a door is OUT_OF_SERVICE: 'jammed' (the locker found it would not
-- open) or 'operator' (the back-end's set_state); NULL while it is in service.
CREATE TABLE IF NOT EXISTS doors (
  id          INT          NOT NULL,
  size        ENUM('SMALL','MEDIUM','LARGE','EXTRA_LARGE') NOT NULL,
  partner_id  BIGINT       NULL,
  state       ENUM('FREE','OCCUPIED','OUT_OF_SERVICE') NOT NULL DEFAULT 'FREE',
  out_of_service_reason VARCHAR(32) NULL,
  created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY ix_doors_state_size (state, size),
  CONSTRAINT fk_doors_partner FOREIGN KEY (partner_id) REFERENCES partners (id),
  CONSTRAINT ck_doors_id CHECK (id BETWEEN 1 AND 9999)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A parcel. Status moves ARRIVING -> IN_STORAGE -> DELIVERED; past its pick-up deadline (expires_at)
-- IN_STORAGE -> EXPIRED -> RETURNED (the back-up code); CANCELLED ends it otherwise. reminder_sent_at
-- stamps the one pick-up reminder of the current deadline. `version` grows with every change.
CREATE TABLE IF NOT EXISTS reservations (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  external_id   VARCHAR(64)  NOT NULL,
  status        ENUM('ARRIVING','IN_STORAGE','DELIVERED','EXPIRED','RETURNED','CANCELLED') NOT NULL DEFAULT 'ARRIVING',
  user_id       BIGINT       NOT NULL DEFAULT 1,
  door_id       INT          NOT NULL,
  created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  deposited_at  DATETIME(3)  NULL,
  picked_up_at  DATETIME(3)  NULL,
  expires_at    DATETIME(3)  NULL,
  reminder_sent_at DATETIME(3) NULL,
  version       INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_reservations_external (external_id),
  KEY ix_reservations_door_status (door_id, status),
  KEY ix_reservations_status (status),
  KEY ix_reservations_sweep (status, expires_at),
  CONSTRAINT fk_reservations_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_reservations_door FOREIGN KEY (door_id) REFERENCES doors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A parcel's three codes, stored only as HMAC-SHA256 under the locker's code-hash key (hex).
-- One row per (parcel, kind); the hash is the primary key, so a typed code names one parcel and no
-- two parcels, or two kinds of one parcel, can share a code. used_at starts the grace period.
CREATE TABLE IF NOT EXISTS reservation_codes (
  code_hash       CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  reservation_id  BIGINT       NOT NULL,
  kind            ENUM('DEPOSIT','PICKUP','BACKUP') NOT NULL,
  used_at         DATETIME(3)  NULL,
  PRIMARY KEY (code_hash),
  UNIQUE KEY uq_codes_reservation_kind (reservation_id, kind),
  CONSTRAINT fk_codes_reservation FOREIGN KEY (reservation_id) REFERENCES reservations (id) ON DELETE CASCADE,
  CONSTRAINT ck_codes_hash CHECK (code_hash REGEXP '^[0-9a-f]{64}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Events for the central back-end, written in the same transaction as the change they report
-- (transactional outbox). event_id lets the back-end drop duplicates; sequence orders a parcel's events.
CREATE TABLE IF NOT EXISTS outbox_events (
  sequence         BIGINT       NOT NULL AUTO_INCREMENT,
  event_id         CHAR(36)     CHARACTER SET ascii NOT NULL,
  type             VARCHAR(64)  NOT NULL,
  reservation_id   BIGINT       NULL,
  door_id          INT          NULL,
  payload          TEXT         NOT NULL,
  created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  attempts         INT          NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  delivered_at     DATETIME(3)  NULL,
  last_error       VARCHAR(255) NULL,
  PRIMARY KEY (sequence),
  UNIQUE KEY uq_outbox_event (event_id),
  KEY ix_outbox_pending (delivered_at, next_attempt_at),
  CONSTRAINT ck_outbox_payload CHECK (JSON_VALID(payload))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The door operations journal: written before a door opens, finished after it closes, so a crash
-- in between can be reconciled. active_door is set only while an operation is open, and its unique
-- key lets one operation at a time hold a door: a second entry of the same code opens nothing.
-- A SUPPORT operation is the back-end's remote opening (controller support_open): its parcel is the
-- one behind the door then, or NULL for an empty door; reason, ticket and the status to mark the
-- parcel with are kept so a reconciliation after a crash reports and finishes it the same way.
CREATE TABLE IF NOT EXISTS door_operations (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  door_id         INT          NOT NULL,
  reservation_id  BIGINT       NULL,
  code_kind       ENUM('DEPOSIT','PICKUP','BACKUP','SUPPORT') NOT NULL,
  grace           BOOLEAN      NOT NULL DEFAULT FALSE,
  support_mark    ENUM('DELIVERED','RETURNED') NULL,
  support_reason  VARCHAR(200) NULL,
  support_ticket  VARCHAR(64)  NULL,
  state           ENUM('OPENING','WAITING','DONE','LEFT_OPEN','FAILED') NOT NULL DEFAULT 'OPENING',
  started_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  finished_at     DATETIME(3)  NULL,
  active_door     INT AS (IF(state IN ('OPENING','WAITING'), door_id, NULL)) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY uq_door_operations_active (active_door),
  KEY ix_door_operations_state (state),
  CONSTRAINT fk_door_operations_door FOREIGN KEY (door_id) REFERENCES doors (id),
  CONSTRAINT fk_door_operations_reservation FOREIGN KEY (reservation_id) REFERENCES reservations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Wrong codes per screen, for tiered lockouts that survive a restart. `lockouts` picks the tier
-- (30 s, 5 min, 30 min at most) and decays after a quiet day, so nobody is locked out for good.
CREATE TABLE IF NOT EXISTS screen_throttle (
  screen_id        VARCHAR(64)  NOT NULL,
  failures         INT          NOT NULL DEFAULT 0,
  lockouts         INT          NOT NULL DEFAULT 0,
  locked_until     DATETIME(3)  NULL,
  last_failure_at  DATETIME(3)  NULL,
  PRIMARY KEY (screen_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Issue 14, jammed doors: brings a database made before then to the doors table above.
ALTER TABLE doors ADD COLUMN IF NOT EXISTS out_of_service_reason VARCHAR(32) NULL AFTER state;
-- Pick-up deadlines (issue 14, part 1): brings a database made before them to the shape above.
-- reminder_sent_at stamps the one reminder per deadline; the sweep finds due parcels by (status, expires_at).
ALTER TABLE reservations ADD COLUMN IF NOT EXISTS reminder_sent_at DATETIME(3) NULL AFTER expires_at;
ALTER TABLE reservations ADD INDEX IF NOT EXISTS ix_reservations_sweep (status, expires_at);
-- Issue 14, support opens (H3): an existing database gets the door_operations columns above.
-- MODIFY re-run is harmless; the generated column active_door does not read the columns changed.
ALTER TABLE door_operations MODIFY COLUMN reservation_id BIGINT NULL;
ALTER TABLE door_operations MODIFY COLUMN code_kind ENUM('DEPOSIT','PICKUP','BACKUP','SUPPORT') NOT NULL;
ALTER TABLE door_operations ADD COLUMN IF NOT EXISTS support_mark ENUM('DELIVERED','RETURNED') NULL AFTER grace;
ALTER TABLE door_operations ADD COLUMN IF NOT EXISTS support_reason VARCHAR(200) NULL AFTER support_mark;
ALTER TABLE door_operations ADD COLUMN IF NOT EXISTS support_ticket VARCHAR(64) NULL AFTER support_reason;
