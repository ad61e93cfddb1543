package org.mhpathway.pathway;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Moves during the stay (PATHWAY.md section 5b): a transfer to another ward, hospital or bed. The register always
 * shows where the person is now (ward, hospital, bed, ward type, out of area); each move is kept in
 * {@code ward_transfer} with where the person was. A move into a bed outside the home ICS starts an out-of-area
 * placement episode, a move back into the home ICS (repatriation) ends it, and a move between two beds out of area
 * leaves it running ({@link OutOfAreaPlacements}).
 */
@Repository
public class WardTransfers {

    /** Recorded by bed management through {@code POST /api/pathways/{id}/transfer}. */
    public static final String THROUGH_API = "api";
    /** Recorded by a repatriation review that found the person back in a bed in the home ICS. */
    public static final String THROUGH_REPATRIATION_REVIEW = "repatriation-review";

    private final JdbcClient jdbc;
    private final PathwayRegister register;
    private final OutOfAreaPlacements placements;

    public WardTransfers(JdbcClient jdbc, PathwayRegister register, OutOfAreaPlacements placements) {
        this.jdbc = jdbc;
        this.register = register;
        this.placements = placements;
    }

    /** Where the person moves to, when and why; a null ward type keeps the one the person is on. */
    public record Move(Instant transferredAt, String ward, String hospital, String bed, String wardType,
                       boolean outOfArea, String reason) {
    }

    /** What a move changed: the out-of-area placement, the ward type, and the move as kept. */
    public record Recorded(long id, PlacementChange placement, boolean wardTypeChanged, String wardType,
                           Transfer transfer) {
    }

    /** What a move did to the out-of-area placement. */
    public enum PlacementChange {
        /** From a bed in the home ICS to one outside it: an episode starts and the commissioner is told. */
        STARTED("started"),
        /** Back into the home ICS: the episode ends (repatriation) and the commissioner is told. */
        ENDED("ended"),
        /** From one bed out of area to another: the episode runs on. */
        CONTINUES("continues"),
        /** In the home ICS before and after. */
        NONE("none");

        private final String code;

        PlacementChange(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static PlacementChange of(boolean before, boolean after) {
            return before == after ? (after ? CONTINUES : NONE) : (after ? STARTED : ENDED);
        }
    }

    /** One move as kept: where from and where to. */
    public record Transfer(long id, Instant transferredAt, String fromWard, String fromHospital, String fromBed,
                           String fromWardType, boolean fromOutOfArea, String toWard, String toHospital, String toBed,
                           String toWardType, boolean toOutOfArea, String reason, String recordedThrough) {
    }

    /**
     * Records a move of the pathway's person: keeps it, moves the register, and starts or ends the out-of-area
     * placement episode.
     *
     * @param through {@link #THROUGH_API} or {@link #THROUGH_REPATRIATION_REVIEW}
     */
    public Recorded record(String pathwayId, Move move, String through) {
        PathwayRecord before = register.find(pathwayId)
                .orElseThrow(() -> new IllegalStateException("no pathway " + pathwayId + " in the register"));
        String wardType = move.wardType() == null ? before.wardType() : move.wardType();
        jdbc.sql("""
                insert into ward_transfer (pathway_id, transferred_at, from_ward, from_hospital, from_bed, from_ward_type,
                                           from_out_of_area, to_ward, to_hospital, to_bed, to_ward_type, to_out_of_area,
                                           reason, recorded_through, recorded_at)
                values (:id, :at, :fromWard, :fromHospital, :fromBed, :fromType, :fromOut, :toWard, :toHospital, :toBed,
                        :toType, :toOut, :reason, :through, :recordedAt)""")
                .param("id", pathwayId).param("at", JdbcTimes.utc(move.transferredAt()))
                .param("fromWard", before.ward()).param("fromHospital", before.hospital()).param("fromBed", before.bed())
                .param("fromType", before.wardType()).param("fromOut", before.outOfArea())
                .param("toWard", move.ward()).param("toHospital", move.hospital()).param("toBed", move.bed())
                .param("toType", wardType).param("toOut", move.outOfArea()).param("reason", move.reason())
                .param("through", through).param("recordedAt", JdbcTimes.utc(EngineClock.now()))
                .update();
        long id = lastId(pathwayId);
        register.recordPlace(pathwayId, move.ward(), move.hospital(), move.bed(), wardType, move.outOfArea());
        PlacementChange change = PlacementChange.of(before.outOfArea(), move.outOfArea());
        if (change == PlacementChange.STARTED) {
            placements.start(pathwayId, move.ward(), move.hospital(), move.transferredAt());
        } else if (change == PlacementChange.ENDED) {
            placements.end(pathwayId, move.transferredAt(), OutOfAreaPlacements.REPATRIATED);
        }
        Transfer kept = forPathway(pathwayId).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
        return new Recorded(id, change, !Objects.equals(before.wardType(), wardType), wardType, kept);
    }

    /** The moves of a pathway, first to last. */
    public List<Transfer> forPathway(String pathwayId) {
        return jdbc.sql("select * from ward_transfer where pathway_id = ? order by transferred_at, id")
                .param(pathwayId).query((rs, row) -> new Transfer(rs.getLong("id"),
                        JdbcTimes.instant(rs, "transferred_at"), rs.getString("from_ward"), rs.getString("from_hospital"),
                        rs.getString("from_bed"), rs.getString("from_ward_type"), rs.getBoolean("from_out_of_area"),
                        rs.getString("to_ward"), rs.getString("to_hospital"), rs.getString("to_bed"),
                        rs.getString("to_ward_type"), rs.getBoolean("to_out_of_area"), rs.getString("reason"),
                        rs.getString("recorded_through"))).list();
    }

    /** When the person last moved, if they have. */
    public Optional<Instant> lastMoveAt(String pathwayId) {
        List<Transfer> moves = forPathway(pathwayId);
        return moves.isEmpty() ? Optional.empty() : Optional.of(moves.get(moves.size() - 1).transferredAt());
    }

    private long lastId(String pathwayId) {
        return jdbc.sql("select max(id) from ward_transfer where pathway_id = ?").param(pathwayId)
                .query(Long.class).single();
    }
}
