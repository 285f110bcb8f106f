package org.bizhall.persistence.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.persistence.PersistenceException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.Rating;
import org.bizhall.api.counter.RatingSource;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.platform.counter.RatingStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Ratings in {@code order_ratings}, primary key the order id. A rating is checked for and then inserted and flushed at
 * once: a second counter rating the same order at the same moment waits on the key until the first commits, then
 * fails and is answered 409 like any repeat.
 */
@Component(service = RatingStore.class)
public class JpaRatingStore implements RatingStore {
    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    SchemaReady schema;

    @Override
    public Rating insert(Rating r) {
        if (r == null || r.orderId() == null || r.hall() == null || r.province() == null || r.operator() == null
                || r.source() == null || r.recordedBy() == null || r.at() == null || r.businessDate() == null) {
            throw new IllegalArgumentException("a rating needs its order, hall, province, operator, source, recorder and time");
        }
        if (r.score() < Rating.MIN_SCORE || r.score() > Rating.MAX_SCORE) {
            throw ProblemException.badRequest("SCORE_INVALID",
                    "score is a whole number from " + Rating.MIN_SCORE + " to " + Rating.MAX_SCORE, "score");
        }
        return Tx.decide(jpa, em -> {
            if (em.find(RatingEntity.class, r.orderId()) != null) {
                return Tx.Outcome.refused(exists());
            }
            RatingEntity e = new RatingEntity();
            e.orderId = r.orderId();
            e.hallId = r.hall();
            e.province = r.province();
            e.operator = Codec.truncate(r.operator(), 64);
            e.score = r.score();
            e.source = r.source().name();
            e.deviceId = Codec.truncate(r.device(), 64);
            e.recordedBy = Codec.truncate(r.recordedBy(), 64);
            e.ratedAt = Codec.instant(r.at());
            e.businessDate = r.businessDate().toString();
            em.persist(e);
            try {
                em.flush();
            } catch (PersistenceException raced) {
                // another counter's rating of this order committed first; this transaction is now rollback-only
                throw exists();
            }
            return Tx.Outcome.ok(toRating(e));
        });
    }

    private static ProblemException exists() {
        return ProblemException.conflict("RATING_EXISTS", "the order has been rated");
    }

    @Override
    public Optional<Rating> find(String orderId) {
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(RatingEntity.class, orderId)).map(this::toRating));
    }

    @Override
    public List<OperatorRating> byOperator(String hall, LocalDate businessDate) {
        // sums, not AVG: an average of INTEGER columns is an INTEGER on Derby
        return Tx.call(jpa, em -> em.createQuery("select r.operator, count(r), sum(r.score) from RatingEntity r"
                + " where r.hallId = :h and r.businessDate = :d group by r.operator order by r.operator", Object[].class)
                .setParameter("h", hall).setParameter("d", businessDate.toString()).getResultList().stream()
                .map(row -> {
                    long count = ((Number) row[1]).longValue();
                    long sum = ((Number) row[2]).longValue();
                    return new OperatorRating((String) row[0], count, count == 0 ? 0 : (double) sum / count);
                }).toList());
    }

    private Rating toRating(RatingEntity e) {
        return new Rating(e.orderId, e.hallId, e.province, e.operator, e.score, RatingSource.valueOf(e.source),
                e.deviceId, e.recordedBy, Codec.time(e.ratedAt, clock.zone()), LocalDate.parse(e.businessDate));
    }
}
