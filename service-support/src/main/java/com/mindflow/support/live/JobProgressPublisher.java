package com.mindflow.support.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link JobProgress} over Redis pub/sub. Best effort by design: a job never fails or waits because Redis
 * is away, since the client can always read the job's status over HTTP.
 */
public class JobProgressPublisher {

    private static final Logger log = LoggerFactory.getLogger(JobProgressPublisher.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    public JobProgressPublisher(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public void publish(JobProgress progress) {
        try {
            redis.convertAndSend(JobProgress.channel(progress.userId()), json.writeValueAsString(progress));
        }
        catch (DataAccessException e) {
            log.debug("Could not publish the progress of job {}; clients read it over HTTP", progress.jobId(), e);
        }
    }
}
